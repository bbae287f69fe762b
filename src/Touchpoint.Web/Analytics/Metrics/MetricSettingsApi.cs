using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics.Metrics;

/// <summary>GET/PUT /api/v1/settings/metrics: the minimum number of answers below which no score is shown.</summary>
internal static class MetricSettingsApi
{
    public const int Lowest = 1;
    public const int Highest = 1000;

    public sealed record MetricSettingsDto(int? MinimumAnswers);

    public static void MapMetricSettingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/settings/metrics", GetAsync).RequireAuthorization(Permission.ViewAnalytics.Name).WithTags("Metrics");
        app.MapPut("/api/v1/settings/metrics", PutAsync).RequireAuthorization(Permission.ManageWorkspace.Name).WithTags("Metrics");
    }

    private static async Task<Ok<MetricSettingsDto>> GetAsync(CurrentWorkspace current, CancellationToken ct) =>
        TypedResults.Ok(new MetricSettingsDto((await current.GetAsync(ct)).MinimumAnswers));

    private static async Task<Results<Ok<MetricSettingsDto>, ValidationProblem>> PutAsync(MetricSettingsDto body, TouchpointDbContext db,
        WorkspaceScope scope, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (Check(body.MinimumAnswers) is { } error)
        {
            return Problems.Invalid(new() { ["minimumAnswers"] = [error] });
        }

        var workspace = await db.Workspaces.FirstAsync(w => w.Id == scope.WorkspaceId, ct);
        var before = workspace.MinimumAnswers;
        workspace.MinimumAnswers = body.MinimumAnswers!.Value;
        audit.Record(http.User.Actor(), "workspace.updated", $"workspace:{workspace.Id}", $"minimum answers {before} -> {workspace.MinimumAnswers}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MetricSettingsDto(workspace.MinimumAnswers));
    }

    /// <summary>Null when fine; otherwise what to fix.</summary>
    public static string? Check(int? minimumAnswers) => minimumAnswers is null or < Lowest or > Highest
        ? $"Give a whole number from {Lowest} to {Highest}: no score is shown on fewer answers than this."
        : null;
}
