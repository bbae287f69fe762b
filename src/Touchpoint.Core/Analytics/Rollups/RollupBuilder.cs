using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// Recomputes a workspace's rollup rows for a run of local days from the raw answers: one read of the
/// responses (with the stage of their touch point and the team of their conversation), one of their
/// sentiment labels and one of their topics, then tallies in memory. The keys are those the raw
/// breakdowns give (<see cref="BreakdownKeys"/>), so a score from rollups equals the raw one.
/// Crosses no workspace: every query names it, with the query filters off (the maintainer acts in none).
/// </summary>
internal static class RollupBuilder
{
    private sealed record Answer(long Id, SurveyMetric Metric, DateTime SubmittedAt, int Score, Guid SurveyId, Guid? TouchPointId,
        Journeys.Channel? Channel, string? Agent, string? Language, string? Snapshot, Guid? StageId, Guid? TeamId);

    /// <summary>Replaces the rollups of days <paramref name="first"/>..<paramref name="last"/> (inclusive) with fresh ones.</summary>
    public static async Task<int> RebuildAsync(TouchpointDbContext db, Workspace workspace, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var from = calendar.StartOfDayUtc(first);
        var to = calendar.StartOfDayUtc(last.AddDays(1));
        var id = workspace.Id;
        var responses = db.Responses.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.WorkspaceId == id && r.Status == ResponseStatus.Completed && r.Score != null && r.SubmittedAt >= from && r.SubmittedAt < to);
        var answers = await (
            from r in responses
            from t in db.TouchPoints.IgnoreQueryFilters().Where(t => t.WorkspaceId == id && t.Id == r.TouchPointId).DefaultIfEmpty()
            from c in db.Conversations.IgnoreQueryFilters().Where(c => c.WorkspaceId == id && c.Id == r.ConversationId).DefaultIfEmpty()
            select new Answer(r.Id, r.Metric, r.SubmittedAt, r.Score!.Value, r.SurveyId, r.TouchPointId, r.Channel, r.Agent, r.Language,
                r.Snapshot, r.JourneyStageId ?? (Guid?)t.StageId, (Guid?)c.TeamId)).ToListAsync(ct);
        var texts = db.AnalyzedTexts.IgnoreQueryFilters().Where(t => t.WorkspaceId == id);
        var sentiments = (await (
                from r in responses
                join t in texts.Where(t => t.Scored) on (long?)r.Id equals t.ResponseId
                select new { r.Id, t.SentimentLabel }).Distinct().ToListAsync(ct))
            .ToLookup(s => s.Id, s => s.SentimentLabel);
        var topics = (await (
                from r in responses
                join t in texts on (long?)r.Id equals t.ResponseId
                from l in db.TextLabels.IgnoreQueryFilters().Where(l => l.AnalyzedTextId == t.Id && l.Kind == TextLabelKind.Topic)
                select new { r.Id, l.Value }).Distinct().ToListAsync(ct))
            .ToLookup(s => s.Id, s => s.Value);

        var tallies = new Dictionary<(SurveyMetric, DateOnly, string, string), ScoreTally>();
        void Add(SurveyMetric metric, DateOnly day, string dimension, string? key, ScoreTally tally)
        {
            if (key is null)
            {
                return;
            }

            var slot = (metric, day, dimension, key);
            tallies[slot] = tallies.GetValueOrDefault(slot) + tally;
        }

        foreach (var a in answers)
        {
            var day = calendar.LocalDate(a.SubmittedAt);
            var tally = ScoreTally.Of(a.Metric, a.Score);
            Add(a.Metric, day, RollupDimensions.Total, "", tally);
            Add(a.Metric, day, Name(Dimension.Survey), Key(a.SurveyId), tally);
            Add(a.Metric, day, Name(Dimension.TouchPoint), Key(a.TouchPointId), tally);
            Add(a.Metric, day, Name(Dimension.Channel), a.Channel?.ToString().ToLowerInvariant(), tally);
            Add(a.Metric, day, Name(Dimension.Stage), Key(a.StageId), tally);
            Add(a.Metric, day, Name(Dimension.Agent), a.Agent, tally);
            Add(a.Metric, day, Name(Dimension.Team), Key(a.TeamId), tally);
            Add(a.Metric, day, Name(Dimension.Language), a.Language, tally);
            foreach (var sentiment in sentiments[a.Id])
            {
                Add(a.Metric, day, Name(Dimension.Sentiment), sentiment, tally);
            }

            foreach (var topic in topics[a.Id])
            {
                Add(a.Metric, day, Name(Dimension.Topic), topic, tally);
            }

            if (a.Snapshot is { } snapshot)
            {
                var (segments, persona) = ReadSnapshot(snapshot);
                foreach (var segment in segments)
                {
                    Add(a.Metric, day, Name(Dimension.Segment), segment, tally);
                }

                Add(a.Metric, day, Name(Dimension.Persona), persona, tally);
            }
        }

        await db.MetricRollups.Where(r => r.WorkspaceId == id && r.Day >= first && r.Day <= last).ExecuteDeleteAsync(ct);
        db.MetricRollups.AddRange(tallies.Select(t => new MetricRollup
        {
            WorkspaceId = id,
            Metric = t.Key.Item1,
            Day = t.Key.Item2,
            Dimension = t.Key.Item3,
            Key = t.Key.Item4,
            N = t.Value.N,
            High = t.Value.High,
            Middle = t.Value.Middle,
            Low = t.Value.Low,
            Sum = t.Value.Sum,
            SumOfSquares = t.Value.SumOfSquares,
        }));
        await db.SaveChangesAsync(ct);
        // The rows are written; the caller's own tracked rows (the rebuild cursor) stay tracked.
        foreach (var entry in db.ChangeTracker.Entries<MetricRollup>().ToList())
        {
            entry.State = EntityState.Detached;
        }

        return answers.Count;
    }

    private static string Name(Dimension dimension) => RollupDimensions.Name(dimension);

    private static string? Key(Guid? id) => id?.ToString("D");

    /// <summary>The snapshot's segments and persona, read as <see cref="BreakdownKeys"/> reads them.</summary>
    private static (List<string> Segments, string? Persona) ReadSnapshot(string snapshot)
    {
        using var document = JsonDocument.Parse(snapshot);
        var root = document.RootElement;
        var segments = root.TryGetProperty("segments", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        var persona = root.TryGetProperty("persona", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        return (segments, persona);
    }
}
