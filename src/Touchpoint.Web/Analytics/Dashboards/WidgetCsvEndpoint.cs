using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary><c>GET /dashboards/{id}/widgets/{widgetId}.csv?&lt;filters&gt;</c>: a configurable dashboard's table widget as CSV.</summary>
internal static class WidgetCsvEndpoint
{
    public static void MapWidgetCsv(this IEndpointRouteBuilder app) =>
        app.MapGet("/dashboards/{id:guid}/widgets/{widgetId:guid}.csv", ExportAsync).RequireAuthorization(Permission.ViewAnalytics.Name)
            .ExcludeFromDescription();

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(Guid id, Guid widgetId,
        HttpContext http, DashboardStore store, WidgetData data, TouchpointDbContext db, CurrentWorkspace current, TimeProvider clock,
        CancellationToken ct)
    {
        if (await store.FindAsync(id, http.User.UserId(), ct) is not { } dashboard || dashboard.Widgets.FirstOrDefault(w => w.Id == widgetId) is not { } widget)
        {
            return Problems.NotFound("Widget");
        }

        var errors = new Dictionary<string, string[]>();
        var filter = await DashboardsApi.SavedOrGivenAsync(dashboard, http.Request.Query, db, errors, ct);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var workspace = await current.GetAsync(ct);
        var range = DashboardRange.Resolve(workspace, filter, clock.GetUtcNow());
        var result = await data.ComputeAsync(workspace, widget, filter, range, ct);
        var csv = Write(result);
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8",
            $"widget-{range.FirstDay:yyyy-MM-dd}-{range.LastDay:yyyy-MM-dd}.csv");
    }

    public static DashboardCsv Write(WidgetResult result)
    {
        var csv = new DashboardCsv();
        var metric = result.Widget.Metric.ToString().ToLowerInvariant();
        if (result.Card is { } card)
        {
            csv.Row("metric", "score", "margin_of_error", "n", "previous_score", "previous_n", "difference", "p_value", "significant");
            csv.Row(metric, card.Current.Score, card.Current.MarginOfError, card.Current.N, card.Previous?.Score, card.Previous?.N,
                card.Change?.Difference, card.Change?.PValue, card.Change is { IsSignificant: true } ? "yes" : "no");
        }
        else if (result.Trend is { } trend)
        {
            csv.Row("week", "metric", "score", "margin_of_error", "n");
            foreach (var week in trend)
            {
                csv.Row(week.Start, metric, week.Score.Score, week.Score.MarginOfError, week.Score.N);
            }
        }
        else if (result.Distribution is { } distribution)
        {
            csv.Row("answer", "metric", "responses");
            foreach (var (value, count) in distribution)
            {
                csv.Row(value, metric, count);
            }
        }
        else if (result.Heat is { } heat)
        {
            csv.Row("touch_point", "stage", "metric", "score", "margin_of_error", "n");
            foreach (var tp in heat.TouchPoints)
            {
                foreach (var stage in heat.Stages)
                {
                    if (heat.Cell(tp.Id, stage.Id) is { } cell)
                    {
                        csv.Row(tp.Name, stage.Name, metric, cell.Score, cell.MarginOfError, cell.N);
                    }
                }
            }
        }
        else if (result.Groups is { } groups)
        {
            var dimension = result.Widget.Kind == WidgetKind.TopTopics ? Dimension.Topic : result.Widget.Dimension ?? Dimension.TouchPoint;
            csv.Row(dimension.ToString().ToLowerInvariant(), "metric", "score", "margin_of_error", "n");
            foreach (var group in groups)
            {
                csv.Row(group.Label, metric, group.Score.Score, group.Score.MarginOfError, group.Score.N);
            }
        }

        return csv;
    }
}
