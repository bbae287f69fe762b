using Touchpoint.Core.Cases;
using Touchpoint.Web.Cases.Alerts;
using Touchpoint.Web.Cases.Measures;
using Touchpoint.Web.Cases.Remedies;
using Touchpoint.Web.Cases.Sla;
using Touchpoint.Web.Cases.Work;

namespace Touchpoint.Web.Cases;

/// <summary>
/// Closing the loop: cases and their history, alert rules that open them, owners, SLA clocks,
/// authority limits and approvals, and the measures of recovery.
/// </summary>
internal static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddScoped<CaseSteps>();
        services.AddScoped<CaseOpener>();
        services.AddRemedies();
        services.AddAlerts();
        services.AddCaseSla();
        services.AddCaseMeasures();
        services.AddCaseWork();
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        app.MapRemedies();
        app.MapAlerts();
        app.MapCaseSla();
        app.MapCaseMeasures();
        app.MapCaseWork();
        return app;
    }
}
