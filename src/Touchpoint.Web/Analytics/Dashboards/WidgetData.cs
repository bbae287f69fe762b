using Microsoft.AspNetCore.WebUtilities;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// Computes a configurable dashboard's widgets with <see cref="DashboardFigures"/>: the dashboard's filter
/// (from the URL, or the saved one) narrowed by each widget's own filters (a widget's value wins where both
/// name one), the metric the widget names.
/// </summary>
internal sealed class WidgetData(DashboardFigures figures, TouchpointDbContext db)
{
    public const int TopTopics = 10;

    public async Task<IReadOnlyList<WidgetResult>> ComputeAsync(Workspace workspace, Dashboard dashboard, DashboardFilter filter,
        DashboardRange range, CancellationToken ct)
    {
        var results = new List<WidgetResult>();
        foreach (var widget in dashboard.Widgets.OrderBy(w => w.Position))
        {
            results.Add(await ComputeAsync(workspace, widget, filter, range, ct));
        }

        return results;
    }

    public async Task<WidgetResult> ComputeAsync(Workspace workspace, DashboardWidget widget, DashboardFilter page, DashboardRange range,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var own = await DashboardFilterQuery.ReadAsync(new QueryCollection(QueryHelpers.ParseQuery(widget.Filters)), db, errors, ct);
        if (errors.Count > 0)
        {
            return new WidgetResult(widget, page) { Problems = errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList() };
        }

        var filter = Merge(page, own) with { Metric = widget.Metric };
        var result = new WidgetResult(widget, filter);
        return widget.Kind switch
        {
            WidgetKind.ScoreCard => result with { Card = await figures.CardAsync(workspace, filter, range, widget.Metric, ct) },
            WidgetKind.Trend => result with { Trend = await figures.TrendAsync(workspace, filter, range, ct) },
            WidgetKind.Distribution => result with { Distribution = await figures.DistributionAsync(filter, range, ct) },
            WidgetKind.HeatMap => result with { Heat = await figures.HeatMapAsync(workspace, filter, range, ct) },
            WidgetKind.TopTopics => result with
            {
                Groups = (await figures.BreakdownAsync(workspace, filter, range, Dimension.Topic, ct)).Take(TopTopics).ToList(),
            },
            _ => result with { Groups = await figures.BreakdownAsync(workspace, filter, range, widget.Dimension ?? Dimension.TouchPoint, ct) },
        };
    }

    /// <summary>The page's filter narrowed by the widget's: where both name a value, the widget's wins.</summary>
    public static DashboardFilter Merge(DashboardFilter page, DashboardFilter widget) => page with
    {
        SegmentId = widget.SegmentId ?? page.SegmentId,
        PersonaId = widget.PersonaId ?? page.PersonaId,
        Channel = widget.Channel ?? page.Channel,
        TouchPointId = widget.TouchPointId ?? page.TouchPointId,
        StageId = widget.StageId ?? page.StageId,
        Agent = widget.Agent ?? page.Agent,
        TeamId = widget.TeamId ?? page.TeamId,
        Topic = widget.Topic ?? page.Topic,
        Sentiment = widget.Sentiment ?? page.Sentiment,
        Language = widget.Language ?? page.Language,
        Trait = widget.Trait ?? page.Trait,
    };
}
