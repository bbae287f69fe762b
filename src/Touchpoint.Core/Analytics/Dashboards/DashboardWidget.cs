using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>
/// One widget of a <see cref="Dashboard"/>: what it shows (<see cref="Kind"/>, <see cref="Metric"/>, the
/// <see cref="Dimension"/> of a breakdown table), its own filters on top of the dashboard's (a query string
/// like the dashboard's), and its place (<see cref="Position"/>, 0 first).
/// </summary>
public sealed class DashboardWidget : IWorkspaceOwned
{
    public const int MaxTitleLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid DashboardId { get; set; }
    public WidgetKind Kind { get; set; }
    public SurveyMetric Metric { get; set; }
    public Dimension? Dimension { get; set; }
    public string? Title { get; set; }
    public string Filters { get; set; } = "";
    public int Position { get; set; }
}

public enum WidgetKind
{
    ScoreCard,
    Trend,
    Distribution,
    Breakdown,
    HeatMap,
    TopTopics,
}
