using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Touchpoint.Web.Platform;

/// <summary>
/// The keys that protect sign-in cookies and reset tokens live in the database
/// (<see cref="DatabaseXmlRepository"/>): every node shares them and they survive restarts.
/// </summary>
internal static class DataProtectionSetup
{
    public static IServiceCollection AddTouchpointDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Touchpoint");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }
}
