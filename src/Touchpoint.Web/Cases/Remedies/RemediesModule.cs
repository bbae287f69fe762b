using Touchpoint.Core.Cases.Remedies;

namespace Touchpoint.Web.Cases.Remedies;

/// <summary>Empowering the front line: authority limits, remedies on cases, and managers' approvals.</summary>
internal static class RemediesModule
{
    public static IServiceCollection AddRemedies(this IServiceCollection services)
    {
        services.AddScoped<Authority>();
        services.AddScoped<AuthorityLimitEditor>();
        services.AddScoped<RemedyNotices>();
        services.AddScoped<RemedyDesk>();
        services.AddScoped<RemedyDecisions>();
        services.AddCasePanel("CaseRemedies", 20);
        return services;
    }

    public static IEndpointRouteBuilder MapRemedies(this IEndpointRouteBuilder app)
    {
        app.MapAuthorityLimitsApi();
        app.MapRemediesApi();
        return app;
    }
}
