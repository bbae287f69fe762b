using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Dashboards;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// One widget's figures for a period, under the dashboard's filter merged with the widget's own
/// (<see cref="Filter"/>, which its drill-down links use). Exactly one of the figure properties is set,
/// per <see cref="DashboardWidget.Kind"/>.
/// </summary>
internal sealed record WidgetResult(DashboardWidget Widget, DashboardFilter Filter)
{
    public ScoreCard? Card { get; init; }
    public IReadOnlyList<MetricPeriod>? Trend { get; init; }
    public IReadOnlyList<(int Value, int Count)>? Distribution { get; init; }
    public IReadOnlyList<MetricGroup>? Groups { get; init; }
    public HeatMap? Heat { get; init; }

    /// <summary>Why the widget shows nothing (its saved filters name something that no longer exists), if so.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public string Title => Widget.Title ?? WidgetTitles.Default(Widget);
}

internal static class WidgetTitles
{
    public static string Default(DashboardWidget widget)
    {
        var metric = widget.Metric.ToString().ToUpperInvariant();
        return widget.Kind switch
        {
            WidgetKind.ScoreCard => metric,
            WidgetKind.Trend => $"{metric} by week",
            WidgetKind.Distribution => $"How customers answered ({metric})",
            WidgetKind.Breakdown => $"{metric} by {Dimension(widget.Dimension)}",
            WidgetKind.HeatMap => $"{metric} by touch point and stage",
            _ => $"{metric} by topic (top 10)",
        };
    }

    public static string Dimension(Dimension? dimension) => dimension switch
    {
        Core.Analytics.Dimension.TouchPoint => "touch point",
        null => "",
        _ => dimension.Value.ToString().ToLowerInvariant(),
    };
}
