using Touchpoint.Web.Pages.Shared;

namespace Touchpoint.Web.Pages;

/// <summary>The server-rendered UI: Razor Pages and what the layout needs.</summary>
internal static class PagesSetup
{
    public static IServiceCollection AddTouchpointPages(this IServiceCollection services)
    {
        services.AddRazorPages();
        services.AddScoped<NavigationModel>();
        return services;
    }
}
