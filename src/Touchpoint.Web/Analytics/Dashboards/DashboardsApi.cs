using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// <c>/api/v1/dashboards</c>: configurable dashboards and each widget's figures. A key sees and changes the
/// shared dashboards (what it creates is shared); a member also their own personal ones.
/// </summary>
internal static class DashboardsApi
{
    public sealed record WidgetDto(Guid Id, WidgetKind Kind, SurveyMetric Metric, Dimension? Dimension, string? Title, string Filters, int Position)
    {
        public static WidgetDto From(DashboardWidget w) => new(w.Id, w.Kind, w.Metric, w.Dimension, w.Title, w.Filters, w.Position);
    }

    public sealed record DashboardDto(Guid Id, string Name, bool Shared, WorkspaceRole? RoleDefault, Guid? OwnerId, string Filters,
        DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<WidgetDto> Widgets)
    {
        public static DashboardDto From(Dashboard d) => new(d.Id, d.Name, d.Shared, d.RoleDefault, d.OwnerId, d.Filters, d.CreatedAt, d.UpdatedAt,
            d.Widgets.OrderBy(w => w.Position).Select(WidgetDto.From).ToList());
    }

    public sealed record ListDto(IReadOnlyList<DashboardDto> Items, string? Next);

    public sealed record ScoreDto(double? Score, int N, double? MarginOfError, MetricBreakdown Breakdown)
    {
        public static ScoreDto From(MetricScore s) => new(s.Score, s.N, s.MarginOfError, s.Breakdown);
    }

    public sealed record ChangeDto(double? Difference, double? PValue, bool Significant);

    public sealed record WidgetDataDto(Guid Id, WidgetKind Kind, SurveyMetric Metric, Dimension? Dimension, string Title, string Filters,
        IReadOnlyList<string>? Problems, ScoreDto? Score, ScoreDto? Previous, ChangeDto? Change, IReadOnlyList<object>? Rows);

    public sealed record DataDto(Guid Id, string Name, DateOnly From, DateOnly To, DateOnly? CompareFrom, DateOnly? CompareTo,
        IReadOnlyList<WidgetDataDto> Widgets);

    public static void MapDashboardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/dashboards").WithTags("Dashboards");
        api.MapGet("", ListAsync).RequireAuthorization(Permission.ViewAnalytics.Name);
        api.MapPost("", CreateAsync).RequireAuthorization(Permission.ManageDashboards.Name);
        api.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permission.ViewAnalytics.Name);
        api.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permission.ManageDashboards.Name);
        api.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permission.ManageDashboards.Name);
        api.MapGet("/{id:guid}/data", DataAsync).RequireAuthorization(Permission.ViewAnalytics.Name);
    }

    /// <summary>Owners, admins and keys (with write scope, checked by the policy) manage what the workspace shares.</summary>
    public static bool MayManageShared(HttpContext http) =>
        http.User.UserId() is null || http.User.Role() is WorkspaceRole.Owner or WorkspaceRole.Admin;

    private static async Task<Ok<ListDto>> ListAsync(HttpContext http, DashboardStore store, TouchpointDbContext db, CancellationToken ct)
    {
        var dashboards = await store.VisibleAsync(http.User.UserId(), ct);
        var ids = dashboards.Select(d => d.Id).ToList();
        var widgets = (await db.DashboardWidgets.AsNoTracking().Where(w => ids.Contains(w.DashboardId)).ToListAsync(ct)).ToLookup(w => w.DashboardId);
        foreach (var dashboard in dashboards)
        {
            dashboard.Widgets = [.. widgets[dashboard.Id]];
        }

        return TypedResults.Ok(new ListDto(dashboards.Select(DashboardDto.From).ToList(), null));
    }

    private static async Task<Results<Created<DashboardDto>, ValidationProblem>> CreateAsync(DashboardInput input, HttpContext http,
        DashboardStore store, TouchpointDbContext db, AuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var checkedInput = await input.CheckAsync(db, MayManageShared(http), errors, ct);
        if (checkedInput is null)
        {
            return Problems.Invalid(errors);
        }

        var dashboard = await store.CreateAsync(checkedInput, http.User.UserId(), http.User.Role(), ct);
        audit.Record(http.User.Actor(), "dashboard.created", $"dashboard:{dashboard.Id}", dashboard.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/dashboards/{dashboard.Id}", DashboardDto.From(dashboard));
    }

    private static async Task<Results<Ok<DashboardDto>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, DashboardStore store,
        CancellationToken ct) =>
        await store.FindAsync(id, http.User.UserId(), ct) is { } dashboard
            ? TypedResults.Ok(DashboardDto.From(dashboard))
            : Problems.NotFound("Dashboard");

    private static async Task<Results<Ok<DashboardDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id, DashboardInput input,
        HttpContext http, DashboardStore store, TouchpointDbContext db, AuditLog audit, CancellationToken ct)
    {
        if (await store.FindAsync(id, http.User.UserId(), ct, tracked: true) is not { } dashboard)
        {
            return Problems.NotFound("Dashboard");
        }

        if (!DashboardStore.MayEdit(dashboard, http.User.UserId(), MayManageShared(http)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only its owner, or an owner or admin of the workspace, changes this dashboard.");
        }

        var errors = new Dictionary<string, string[]>();
        var checkedInput = await input.CheckAsync(db, MayManageShared(http), errors, ct);
        if (checkedInput is null)
        {
            return Problems.Invalid(errors);
        }

        dashboard.Name = checkedInput.Name;
        dashboard.Shared = checkedInput.Shared || dashboard.OwnerId is null;
        dashboard.RoleDefault = checkedInput.RoleDefault;
        dashboard.Filters = checkedInput.Filters;
        if (checkedInput.Widgets is { } widgets)
        {
            store.ReplaceWidgets(dashboard, widgets);
        }

        audit.Record(http.User.Actor(), "dashboard.updated", $"dashboard:{dashboard.Id}", dashboard.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DashboardDto.From(dashboard));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, DashboardStore store,
        TouchpointDbContext db, AuditLog audit, CancellationToken ct)
    {
        if (await store.FindAsync(id, http.User.UserId(), ct, tracked: true) is not { } dashboard)
        {
            return Problems.NotFound("Dashboard");
        }

        if (!DashboardStore.MayEdit(dashboard, http.User.UserId(), MayManageShared(http)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only its owner, or an owner or admin of the workspace, deletes this dashboard.");
        }

        db.Dashboards.Remove(dashboard);
        audit.Record(http.User.Actor(), "dashboard.deleted", $"dashboard:{dashboard.Id}", dashboard.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Each widget's figures: the query string's filters, or the dashboard's saved ones when it gives none.</summary>
    private static async Task<Results<Ok<DataDto>, ValidationProblem, ProblemHttpResult>> DataAsync(Guid id, HttpContext http,
        DashboardStore store, WidgetData data, TouchpointDbContext db, CurrentWorkspace current, TimeProvider clock, CancellationToken ct)
    {
        if (await store.FindAsync(id, http.User.UserId(), ct) is not { } dashboard)
        {
            return Problems.NotFound("Dashboard");
        }

        var errors = new Dictionary<string, string[]>();
        var filter = await SavedOrGivenAsync(dashboard, http.Request.Query, db, errors, ct);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var workspace = await current.GetAsync(ct);
        var range = DashboardRange.Resolve(workspace, filter, clock.GetUtcNow());
        var widgets = await data.ComputeAsync(workspace, dashboard, filter, range, ct);
        return TypedResults.Ok(new DataDto(dashboard.Id, dashboard.Name, range.FirstDay, range.LastDay, range.Comparison?.FirstDay,
            range.Comparison?.LastDay, widgets.Select(w => ToDto(w, includePeople: true)).ToList()));
    }

    /// <summary>The URL's filter when it names any, else the dashboard's saved filter.</summary>
    public static Task<DashboardFilter> SavedOrGivenAsync(Dashboard dashboard, IQueryCollection query, TouchpointDbContext db,
        Dictionary<string, string[]> errors, CancellationToken ct) =>
        query.Keys.Any(k => DashboardFilterQuery.Names.Contains(k))
            ? DashboardFilterQuery.ReadAsync(query, db, errors, ct)
            : DashboardFilterQuery.ReadAsync(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(dashboard.Filters)), db, errors, ct);

    /// <param name="includePeople">False on share links: agent names are people's names, so agent breakdowns are left out.</param>
    public static WidgetDataDto ToDto(WidgetResult w, bool includePeople)
    {
        static object Group(MetricGroup g) => new { key = g.Key, label = g.Label, score = g.Score.Score, n = g.Score.N, marginOfError = g.Score.MarginOfError };
        IReadOnlyList<object>? rows = w.Widget.Kind switch
        {
            WidgetKind.Trend => w.Trend?.Select(p => (object)new { period = p.Start, score = p.Score.Score, n = p.Score.N, marginOfError = p.Score.MarginOfError }).ToList(),
            WidgetKind.Distribution => w.Distribution?.Select(d => (object)new { answer = d.Value, responses = d.Count }).ToList(),
            WidgetKind.HeatMap => w.Heat is { } heat
                ? heat.Cells.Select(c => (object)new
                {
                    touchPoint = c.Key.TouchPoint,
                    touchPointName = heat.TouchPoints.FirstOrDefault(t => t.Id == c.Key.TouchPoint)?.Name,
                    stage = c.Key.Stage,
                    stageName = heat.Stages.FirstOrDefault(s => s.Id == c.Key.Stage)?.Name,
                    score = c.Value.Score,
                    n = c.Value.N,
                    marginOfError = c.Value.MarginOfError,
                }).ToList()
                : null,
            WidgetKind.Breakdown or WidgetKind.TopTopics => !includePeople && w.Widget.Dimension == Dimension.Agent ? null : w.Groups?.Select(Group).ToList(),
            _ => null,
        };
        var card = w.Card;
        return new WidgetDataDto(w.Widget.Id, w.Widget.Kind, w.Widget.Metric, w.Widget.Dimension, w.Title, w.Widget.Filters,
            w.Problems.Count > 0 ? w.Problems : null,
            card is null ? null : ScoreDto.From(card.Current), card?.Previous is { } p ? ScoreDto.From(p) : null,
            card?.Change is { } c2 ? new ChangeDto(c2.Difference, c2.PValue, c2.IsSignificant) : null, rows);
    }
}
