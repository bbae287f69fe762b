using Touchpoint.Core.Cases.Measures;

namespace Touchpoint.Web.Cases.Measures;

/// <summary>The measures of closing the loop: GET /api/v1/cases/measures and the /cases/measures page.</summary>
internal static class MeasuresModule
{
    public static IServiceCollection AddCaseMeasures(this IServiceCollection services)
    {
        services.AddScoped<CaseMeasures>();
        return services;
    }

    public static IEndpointRouteBuilder MapCaseMeasures(this IEndpointRouteBuilder app)
    {
        app.MapCaseMeasuresApi();
        return app;
    }
}
