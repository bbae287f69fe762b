using Microsoft.AspNetCore.DataProtection;

namespace Touchpoint.Web.Platform;

/// <summary>
/// Keeps the keys that protect sign-in cookies and tokens in a folder, so they survive a restart.
/// Several nodes must share the folder (<c>Touchpoint:DataProtection:KeysPath</c>); see docs/SCALING.md.
/// </summary>
internal static class DataProtectionSetup
{
    public static IServiceCollection AddTouchpointDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration["Touchpoint:DataProtection:KeysPath"] ?? "data/keys";
        services.AddDataProtection()
            .SetApplicationName("Touchpoint")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(path)));
        return services;
    }
}
