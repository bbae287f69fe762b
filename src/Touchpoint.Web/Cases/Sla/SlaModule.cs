using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Sla;

namespace Touchpoint.Web.Cases.Sla;

/// <summary>SLA policies, the targets they set on cases, the worker that warns and escalates, and the clocks on the case page.</summary>
internal static class SlaModule
{
    public static IServiceCollection AddCaseSla(this IServiceCollection services)
    {
        services.AddScoped<ICaseStep, SlaTargets>();
        services.AddScoped<SlaNotifier>();
        services.AddScoped<SlaPolicyStore>();
        services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section);
        services.AddSingleton<SlaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaMonitor>());
        services.AddCasePanel("CaseSlaClock", 10);
        return services;
    }

    public static IEndpointRouteBuilder MapCaseSla(this IEndpointRouteBuilder app)
    {
        app.MapSlaPoliciesApi();
        return app;
    }
}
