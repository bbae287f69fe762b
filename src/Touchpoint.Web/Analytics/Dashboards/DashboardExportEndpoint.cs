using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// <c>GET /dashboards/export/{table}.csv?&lt;the dashboard's filters&gt;</c>: the CSV link of each table of
/// a home dashboard, with the same view, filters and role limits as the page (a manager's team tables hold
/// only their teams; the CX tables are not there for a view that does not show them).
/// </summary>
internal static class DashboardExportEndpoint
{
    public static readonly IReadOnlyList<string> CxTables = ["trend", "distribution", "heatmap", "segment", "touchpoint", "channel"];
    public static readonly IReadOnlyList<string> TeamTables = ["teams", "agents"];

    public static void MapDashboardExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/dashboards/export/{table}.csv", ExportAsync).RequireAuthorization(Permission.Member.Name).ExcludeFromDescription();

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(string table, HttpContext http,
        DashboardFigures figures, CurrentWorkspace current, TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var workspace = await current.GetAsync(ct);
        var request = await DashboardRequest.ResolveAsync(http.User, http.Request.Query, workspace, db, figures, clock, ct);
        if (request is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role has no dashboard to export.");
        }

        if (request.Errors.Count > 0)
        {
            return Problems.Invalid(request.Errors);
        }

        var tables = request.View switch
        {
            DashboardView.Cx => CxTables,
            DashboardView.Team => TeamTables,
            _ => [],
        };
        if (!tables.Contains(table))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such table on this dashboard",
                detail: $"The {DashboardViews.Slug(request.View)} view exports: {(tables.Count == 0 ? "nothing" : string.Join(", ", tables))}.");
        }

        var (filter, range) = (request.Filter, request.Range);
        var csv = new DashboardCsv();
        switch (table)
        {
            case "trend":
                csv.Row("week", "metric", "score", "margin_of_error", "n");
                foreach (var week in await figures.TrendAsync(workspace, filter, range, ct))
                {
                    csv.Row(week.Start, Metric(filter), week.Score.Score, week.Score.MarginOfError, week.Score.N);
                }

                break;
            case "distribution":
                csv.Row("answer", "metric", "responses");
                foreach (var (value, count) in await figures.DistributionAsync(filter, range, ct))
                {
                    csv.Row(value, Metric(filter), count);
                }

                break;
            case "heatmap":
                var heat = await figures.HeatMapAsync(workspace, filter, range, ct);
                csv.Row("touch_point", "stage", "metric", "score", "margin_of_error", "n");
                foreach (var tp in heat.TouchPoints)
                {
                    foreach (var stage in heat.Stages)
                    {
                        if (heat.Cell(tp.Id, stage.Id) is { } cell)
                        {
                            csv.Row(tp.Name, stage.Name, Metric(filter), cell.Score, cell.MarginOfError, cell.N);
                        }
                    }
                }

                break;
            case "teams" or "agents":
                var teams = await figures.TeamsAsync(workspace, filter, range, request.TeamIds, ct);
                csv.Row(table == "teams" ? "team" : "agent", "nps", "nps_n", "csat", "csat_n", "ces", "ces_n");
                foreach (var row in table == "teams" ? teams.Teams : teams.Agents)
                {
                    csv.Row([row.Label, .. row.Scores.SelectMany(s => new object?[] { s.Score, s.N })]);
                }

                break;
            default:
                var dimension = Enum.Parse<Dimension>(table, ignoreCase: true);
                csv.Row(table, "metric", "score", "margin_of_error", "n");
                foreach (var group in await figures.BreakdownAsync(workspace, filter, range, dimension, ct))
                {
                    csv.Row(group.Label, Metric(filter), group.Score.Score, group.Score.MarginOfError, group.Score.N);
                }

                break;
        }

        var name = $"{table}-{range.FirstDay:yyyy-MM-dd}-{range.LastDay:yyyy-MM-dd}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    private static string Metric(DashboardFilter filter) => filter.Metric.ToString().ToLowerInvariant();
}
