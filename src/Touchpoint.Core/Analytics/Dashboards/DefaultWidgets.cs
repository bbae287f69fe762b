using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>
/// The widgets a role's dashboard starts with when the workspace has not set its own default for the role:
/// the CX manager's overview, the team manager's people, the agent's scores.
/// </summary>
public static class DefaultWidgets
{
    public static IReadOnlyList<DashboardWidget> For(WorkspaceRole role)
    {
        var widgets = new List<DashboardWidget>
        {
            new() { Kind = WidgetKind.ScoreCard, Metric = SurveyMetric.Nps },
            new() { Kind = WidgetKind.ScoreCard, Metric = SurveyMetric.Csat },
            new() { Kind = WidgetKind.ScoreCard, Metric = SurveyMetric.Ces },
            new() { Kind = WidgetKind.Trend, Metric = SurveyMetric.Nps },
        };
        if (role is WorkspaceRole.Manager)
        {
            widgets.Add(new() { Kind = WidgetKind.Breakdown, Metric = SurveyMetric.Nps, Dimension = Analytics.Dimension.Team });
            widgets.Add(new() { Kind = WidgetKind.Breakdown, Metric = SurveyMetric.Nps, Dimension = Analytics.Dimension.Agent });
        }
        else if (role is not WorkspaceRole.Agent)
        {
            widgets.Add(new() { Kind = WidgetKind.Distribution, Metric = SurveyMetric.Nps });
            widgets.Add(new() { Kind = WidgetKind.HeatMap, Metric = SurveyMetric.Nps });
            widgets.Add(new() { Kind = WidgetKind.Breakdown, Metric = SurveyMetric.Nps, Dimension = Analytics.Dimension.Segment });
            widgets.Add(new() { Kind = WidgetKind.Breakdown, Metric = SurveyMetric.Nps, Dimension = Analytics.Dimension.TouchPoint });
            widgets.Add(new() { Kind = WidgetKind.Breakdown, Metric = SurveyMetric.Nps, Dimension = Analytics.Dimension.Channel });
            widgets.Add(new() { Kind = WidgetKind.TopTopics, Metric = SurveyMetric.Nps });
        }

        for (var i = 0; i < widgets.Count; i++)
        {
            widgets[i].Position = i;
        }

        return widgets;
    }

    /// <summary>New rows with the same settings, in the order given (positions renumbered from 0).</summary>
    public static List<DashboardWidget> Copy(IEnumerable<DashboardWidget> widgets) =>
        widgets.Select((w, i) => new DashboardWidget
        {
            Kind = w.Kind,
            Metric = w.Metric,
            Dimension = w.Dimension,
            Title = w.Title,
            Filters = w.Filters,
            Position = i,
        }).ToList();
}
