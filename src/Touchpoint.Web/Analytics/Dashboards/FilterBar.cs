using Touchpoint.Core.Analytics.Dashboards;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// What the filter bar partial needs: the current filter, what it offers, where it submits (with hidden
/// fields such as the view), which fields apply, and how to link to this page with a filter removed.
/// </summary>
internal sealed record FilterBar(DashboardFilter Filter, FilterChoices Choices, string Action, IReadOnlyDictionary<string, string> Hidden,
    bool ShowMetric, bool ShowPeople, Func<IReadOnlyDictionary<string, string?>, string> Link, string ClearHref);
