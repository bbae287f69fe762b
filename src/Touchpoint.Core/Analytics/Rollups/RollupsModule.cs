using Microsoft.Extensions.DependencyInjection;

namespace Touchpoint.Core.Analytics.Rollups;

public static class RollupsModule
{
    /// <summary>The metrics, their daily rollups and the worker that keeps them (the marking hook is the data context's).</summary>
    public static IServiceCollection AddMetricScores(this IServiceCollection services)
    {
        services.AddOptions<RollupOptions>().BindConfiguration(RollupOptions.Section);
        services.AddScoped<RollupReader>();
        services.AddScoped<MetricsService>();
        services.AddScoped<GroupTrends.GroupTrendService>();
        services.AddSingleton<RollupMaintainer>();
        services.AddHostedService(sp => sp.GetRequiredService<RollupMaintainer>());
        return services;
    }
}
