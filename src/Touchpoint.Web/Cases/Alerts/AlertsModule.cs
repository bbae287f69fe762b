using Touchpoint.Core.Cases.Alerts;

namespace Touchpoint.Web.Cases.Alerts;

/// <summary>Alert rules: the worker that fires them after commit, and their REST API.</summary>
internal static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section);
        services.AddScoped<AlertRuleService>();
        services.AddScoped<OwnerAssigner>();
        services.AddScoped<AlertFirer>();
        services.AddSingleton<AlertWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertWorker>());
        return services;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapAlertRulesApi();
        return app;
    }
}
