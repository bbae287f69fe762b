using Touchpoint.Core.Analytics.Drivers;
using Touchpoint.Core.Analytics.Outcomes;

namespace Touchpoint.Web.Analytics.Insights;

/// <summary>Key drivers, outcomes and churn risk: the analyses, the churn sweep, and their endpoints.</summary>
internal static class InsightsModule
{
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddScoped<DriverAnalysis>();
        services.AddScoped<OutcomesService>();
        services.AddScoped<ChurnRiskService>();
        services.AddOptions<ChurnRiskOptions>().BindConfiguration(ChurnRiskOptions.Section);
        services.AddSingleton<ChurnRiskSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<ChurnRiskSweep>());
        return services;
    }

    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder app)
    {
        app.MapDriversApi();
        app.MapOutcomesApi();
        return app;
    }
}
