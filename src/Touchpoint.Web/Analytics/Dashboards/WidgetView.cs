using Touchpoint.Core.Analytics.Dashboards;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>A widget as a page draws it: with drill-down links for members, without for a share link (no responses behind it).</summary>
internal sealed record WidgetView(WidgetResult Result, DashboardRange Range, bool Links, string? CsvHref, int MinimumAnswers)
{
    public string Drill(IReadOnlyDictionary<string, string?>? extra = null) =>
        Links ? DrillDown.Responses(Result.Filter, Result.Widget.Metric, Range, extra) : "";
}
