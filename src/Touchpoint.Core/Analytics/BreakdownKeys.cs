using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Analytics;

/// <summary>Reads (dimension value, score) pairs for a breakdown, and the names people read for the values.</summary>
internal static class BreakdownKeys
{
    public sealed record Keyed(string Key, int Score);

    public static async Task<List<Keyed>> ReadAsync(TouchpointDbContext db, IQueryable<Response> responses, Dimension dimension,
        CancellationToken ct) => dimension switch
        {
            Dimension.Survey => Keys(await responses.Select(r => new { Key = (Guid?)r.SurveyId, r.Score }).ToListAsync(ct), r => r.Key, r => r.Score),
            Dimension.TouchPoint => Keys(await responses.Select(r => new { Key = r.TouchPointId, r.Score }).ToListAsync(ct), r => r.Key, r => r.Score),
            Dimension.Channel => Keys(await responses.Select(r => new { r.Channel, r.Score }).ToListAsync(ct),
                r => r.Channel?.ToString().ToLowerInvariant(), r => r.Score),
            Dimension.Agent => Keys(await responses.Select(r => new { r.Agent, r.Score }).ToListAsync(ct), r => r.Agent, r => r.Score),
            Dimension.Language => Keys(await responses.Select(r => new { r.Language, r.Score }).ToListAsync(ct), r => r.Language, r => r.Score),
            Dimension.Stage => Keys(await (
                from r in responses
                from t in db.TouchPoints.Where(t => t.Id == r.TouchPointId).DefaultIfEmpty()
                select new { Key = r.JourneyStageId ?? (Guid?)t.StageId, r.Score }).ToListAsync(ct), r => r.Key, r => r.Score),
            Dimension.Team => Keys(await (
                from r in responses
                join c in db.Conversations on r.ConversationId equals c.Id
                select new { Key = c.TeamId, r.Score }).ToListAsync(ct), r => r.Key, r => r.Score),
            Dimension.Sentiment => Keys(await (
                from r in responses
                join t in db.AnalyzedTexts.Where(t => t.Scored) on (long?)r.Id equals t.ResponseId
                select new { r.Id, Key = t.SentimentLabel, r.Score }).Distinct().ToListAsync(ct), r => r.Key, r => r.Score),
            Dimension.Topic => Keys(await (
                from r in responses
                join t in db.AnalyzedTexts on (long?)r.Id equals t.ResponseId
                from l in t.Labels
                where l.Kind == TextLabelKind.Topic
                select new { r.Id, Key = l.Value, r.Score }).Distinct().ToListAsync(ct), r => r.Key, r => r.Score),
            Dimension.Segment => FromSnapshots(await SnapshotsAsync(responses, ct), Segments),
            Dimension.Persona => FromSnapshots(await SnapshotsAsync(responses, ct), Persona),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };

    public static async Task<Dictionary<string, string>> LabelsAsync(TouchpointDbContext db, Dimension dimension, List<string> keys,
        CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var named = dimension switch
        {
            Dimension.Survey => await db.Surveys.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct),
            Dimension.TouchPoint => await db.TouchPoints.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct),
            Dimension.Stage => await db.JourneyStages.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct),
            Dimension.Team => await db.Teams.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct),
            Dimension.Segment => await db.Segments.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct),
            Dimension.Persona => await db.Personas.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct),
            _ => null,
        };
        return named?.ToDictionary(n => n.Id.ToString("D"), n => n.Name) ?? keys.ToDictionary(k => k, k => k);
    }

    private static List<Keyed> Keys<T, TKey>(List<T> rows, Func<T, TKey?> key, Func<T, int?> score) =>
        rows.Where(r => key(r) is not null && score(r) is not null)
            .Select(r => new Keyed(key(r) is Guid id ? id.ToString("D") : key(r)!.ToString()!, score(r)!.Value)).ToList();

    private static async Task<List<(string? Snapshot, int Score)>> SnapshotsAsync(IQueryable<Response> responses, CancellationToken ct) =>
        (await responses.Select(r => new { r.Snapshot, r.Score }).ToListAsync(ct)).Select(r => (r.Snapshot, r.Score!.Value)).ToList();

    private static List<Keyed> FromSnapshots(List<(string? Snapshot, int Score)> rows, Func<JsonElement, IEnumerable<string>> keys)
    {
        var keyed = new List<Keyed>();
        foreach (var (snapshot, score) in rows)
        {
            if (snapshot is null)
            {
                continue;
            }

            using var document = JsonDocument.Parse(snapshot);
            keyed.AddRange(keys(document.RootElement).Select(k => new Keyed(k, score)));
        }

        return keyed;
    }

    private static IEnumerable<string> Segments(JsonElement snapshot) =>
        snapshot.TryGetProperty("segments", out var segments) && segments.ValueKind == JsonValueKind.Array
            ? segments.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).ToList()
            : [];

    private static IEnumerable<string> Persona(JsonElement snapshot) =>
        snapshot.TryGetProperty("persona", out var persona) && persona.ValueKind == JsonValueKind.String ? [persona.GetString()!] : [];
}
