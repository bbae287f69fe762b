using Touchpoint.Core.Analytics.Dashboards;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>The home dashboards: their figures, and the CSV download of each table.</summary>
internal static class DashboardsModule
{
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.AddScoped<DashboardFigures>();
        services.AddScoped<WidgetData>();
        services.AddScoped<DashboardStore>();
        services.AddScoped<ShareLinks>();
        services.AddScoped<Core.Analytics.Dashboards.Digests.DigestComposer>();
        services.AddSingleton<DigestWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestWorker>());
        return services;
    }

    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder app)
    {
        app.MapDashboardExport();
        app.MapDashboardsApi();
        app.MapWidgetCsv();
        app.MapDigestUnsubscribe();
        return app;
    }
}
