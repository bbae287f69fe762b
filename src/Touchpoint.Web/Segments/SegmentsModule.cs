using Touchpoint.Core.Customers;
using Touchpoint.Core.Segments;

namespace Touchpoint.Web.Segments;

/// <summary>Segments, personas, lifecycle rules and the trait catalogue: services, the maintainer, and endpoints.</summary>
internal static class SegmentsModule
{
    public static IServiceCollection AddSegments(this IServiceCollection services)
    {
        services.AddOptions<SegmentOptions>().BindConfiguration(SegmentOptions.Section);
        services.AddScoped<SegmentRuleValidator>();
        services.AddScoped<SegmentEvaluator>();
        services.AddScoped<SegmentService>();
        services.AddScoped<PersonaService>();
        services.AddScoped<LifecycleRuleService>();
        services.AddScoped<TraitCatalogue>();
        services.AddHostedService<SegmentMaintainer>();
        return services;
    }

    public static IEndpointRouteBuilder MapSegmentsApis(this IEndpointRouteBuilder app)
    {
        app.MapSegmentsApi();
        app.MapPersonasApi();
        app.MapLifecycleRulesApi();
        app.MapTraitsApi();
        return app;
    }
}
