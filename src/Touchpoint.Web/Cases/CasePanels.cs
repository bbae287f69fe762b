namespace Touchpoint.Web.Cases;

/// <summary>
/// A section of the case page that another part of the capability contributes (the SLA clocks, the
/// remedies and approvals): a view component the page invokes with <c>new { caseId }</c>, in
/// <see cref="Order"/>. The page knows none of them by name, so each part stays in its own folder.
/// </summary>
internal sealed record CasePanel(string ViewComponent, int Order);

internal static class CasePanels
{
    public static IServiceCollection AddCasePanel(this IServiceCollection services, string viewComponent, int order)
    {
        services.AddSingleton(new CasePanel(viewComponent, order));
        return services;
    }
}
