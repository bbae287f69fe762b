using Touchpoint.Core.Journeys.Analytics;
using Touchpoint.Core.Journeys.Editing;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Journeys;

/// <summary>
/// GET /api/v1/journeys/{id}/analytics?from=&amp;to=&amp;metric=: per stage and touch point the score
/// with n and margin, the previous period's score and whether the change is significant, volumes, and
/// the stage-to-stage conversion, drop-off and time between stages.
/// </summary>
internal static class JourneyAnalyticsApi
{
    public sealed record AnalyticsDto(Guid JourneyId, string Journey, SurveyMetric Metric, DateTime From, DateTime To, DateTime PreviousFrom,
        int MinimumAnswers, IReadOnlyList<StageDto> Stages, IReadOnlyList<FunnelDto> Funnel);

    public sealed record StageDto(Guid Id, string Name, int Position, IReadOnlyList<TouchPointDto> TouchPoints);

    public sealed record TouchPointDto(Guid Id, string Name, Core.Journeys.Channel Channel, double? Score, int N, double? MarginOfError,
        double? PreviousScore, int PreviousN, double? Change, double? PValue, bool SignificantChange, bool Weakest, string? WeakestReason,
        VolumeDto Volume, IReadOnlyList<double?> Sparkline);

    public sealed record VolumeDto(int Responses, int Events, int Conversations);

    /// <summary>Times between stages in seconds (nearest-rank median and 90th percentile of those who went on).</summary>
    public sealed record FunnelDto(Guid StageId, string Stage, int Reached, Guid? NextStageId, string? NextStage, int? WentOn,
        double? ConversionPercent, double? DropOffPercent, double? MedianSeconds, double? P90Seconds);

    public static void MapJourneyAnalyticsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/journeys/{id:guid}/analytics", GetAsync).RequireAuthorization(Permission.ViewAnalytics.Name).WithTags("Journeys");

    private static async Task<IResult> GetAsync(Guid id, DateTimeOffset? from, DateTimeOffset? to, string? metric, JourneyEditor editor,
        JourneyAnalytics analytics, CurrentWorkspace current, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedMetric = SurveyMetric.Nps;
        if (metric is not null && (int.TryParse(metric, out _) || !Enum.TryParse(metric, ignoreCase: true, out parsedMetric)))
        {
            errors["metric"] = ["Use nps, csat or ces."];
        }

        var workspace = await current.GetAsync(ct);
        var fallback = JourneyPeriod.LastDays(30, new Core.Analytics.PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart),
            clock.GetUtcNow().UtcDateTime);
        var period = new JourneyPeriod(from?.UtcDateTime ?? (to is null ? fallback.From : to.Value.UtcDateTime.AddDays(-30)),
            to?.UtcDateTime ?? fallback.To);
        if (period.From >= period.To)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }
        else if (period.To - period.From > TimeSpan.FromDays(3 * 366))
        {
            errors["from"] = ["Ask for at most three years at a time."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await editor.FindAsync(id, ct) is not { } journey)
        {
            return Problems.NotFound("Journey");
        }

        var map = await analytics.ComputeAsync(workspace, journey, parsedMetric, period, ct);
        return TypedResults.Ok(new AnalyticsDto(journey.Id, journey.Name, parsedMetric, period.From, period.To, period.PreviousFrom,
            map.MinimumAnswers,
            map.Stages.Select(s => new StageDto(s.Id, s.Name, s.Position, s.TouchPoints.Select(t => new TouchPointDto(t.Id, t.Name, t.Channel,
                t.Score.Score, t.Score.N, t.Score.MarginOfError, t.Previous.Score, t.Previous.N, t.Change.Difference, t.Change.PValue,
                t.Change.Significant, t.Weakest, t.WeakestReason, new VolumeDto(t.Volume.Responses, t.Volume.Events, t.Volume.Conversations),
                t.Sparkline)).ToList())).ToList(),
            map.Funnel.Select(f => new FunnelDto(f.StageId, f.Stage, f.Reached, f.NextStageId, f.NextStage, f.WentOn, f.ConversionPercent,
                f.DropOffPercent, f.MedianTime?.TotalSeconds, f.P90Time?.TotalSeconds)).ToList()));
    }
}
