using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Analytics.Drivers;

/// <summary>
/// Key-driver analysis of NPS or CSAT (docs/metrics.md, "Key drivers"). Each answer becomes a row: its
/// outcome (NPS: +100 promoter, 0 passive, -100 detractor; CSAT: 100 satisfied, 0 not, so the outcome's
/// mean is the metric) and a 0/1 indicator per driver it has (its touch point, channel, the top-level
/// topics of its comment, the persona, segments, lifecycle stage and reporting traits of its snapshot).
/// The 15 most common drivers with at least 10 answers having and 10 not having them enter Johnson's
/// relative weights; 200 bootstrap resamples from a fixed seed give 95% intervals.
/// </summary>
public sealed class DriverAnalysis(TouchpointDbContext db)
{
    public const int MinimumResponses = 50;
    public const int MinimumCases = 10;
    public const int MaxDrivers = 15;
    public const int Resamples = 200;
    public const int Seed = 20261123;

    private sealed record Candidate(DriverKind Kind, string Value);

    public static bool Supports(SurveyMetric metric) => metric is SurveyMetric.Nps or SurveyMetric.Csat;

    public async Task<DriverReport> AnalyseAsync(DriverQuery query, CancellationToken ct = default)
    {
        if (!Supports(query.Metric))
        {
            throw new ArgumentOutOfRangeException(nameof(query), "Key drivers are computed for NPS and CSAT.");
        }

        var responses = db.Responses.AsNoTracking()
            .Where(r => r.Metric == query.Metric && r.Score != null && r.SubmittedAt >= query.From && r.SubmittedAt < query.To);
        if (query.SegmentId is { } segmentId)
        {
            // As the customer was when they answered, like the responses page's segment filter.
            var needle = segmentId.ToString("D");
            responses = responses.Where(r => r.Snapshot != null && r.Snapshot.Contains(needle));
        }

        if (query.TouchPointId is { } touchPointId)
        {
            responses = responses.Where(r => r.TouchPointId == touchPointId);
        }

        if (query.Channel is { } channel)
        {
            responses = responses.Where(r => r.Channel == channel);
        }

        var rows = await responses.Select(r => new { r.Id, Score = r.Score!.Value, r.TouchPointId, r.Channel, r.Snapshot }).ToListAsync(ct);
        var overall = ScoreCalculator.Compute(query.Metric, rows.Select(r => r.Score).ToList(), MinimumCases);
        if (rows.Count < MinimumResponses)
        {
            return Refused(query, rows.Count, overall.Score,
                $"Too few answers: {rows.Count} of the {MinimumResponses} a key-driver analysis needs. Widen the period or the filters.");
        }

        var topics = await TopicsAsync(query, ct);
        var perResponse = rows.Select(r =>
        {
            var set = new HashSet<Candidate>();
            if (r.TouchPointId is { } tp)
            {
                set.Add(new(DriverKind.TouchPoint, tp.ToString("D")));
            }

            if (r.Channel is { } ch)
            {
                set.Add(new(DriverKind.Channel, ch.ToString().ToLowerInvariant()));
            }

            if (topics.TryGetValue(r.Id, out var found))
            {
                set.UnionWith(found.Select(t => new Candidate(DriverKind.Topic, t)));
            }

            AddSnapshot(set, r.Snapshot);
            return (r.Score, Candidates: set);
        }).ToList();

        var counts = perResponse.SelectMany(r => r.Candidates).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var n = rows.Count;
        var eligible = counts.Where(c => c.Value >= MinimumCases && n - c.Value >= MinimumCases)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key.Kind).ThenBy(c => c.Key.Value, StringComparer.Ordinal)
            .Take(2 * MaxDrivers).Select(c => c.Key).ToList();
        var labels = await LabelsAsync(counts.Keys, ct);
        eligible = MergeIdentical(eligible, perResponse.Select(r => r.Candidates).ToList(), labels).Take(MaxDrivers).ToList();
        var tooFew = counts.Where(c => c.Value < MinimumCases)
            .OrderByDescending(c => c.Value).ThenBy(c => labels[c.Key], StringComparer.Ordinal)
            .Select(c => Unscored(c.Key, labels[c.Key], c.Value)).ToList();
        if (eligible.Count == 0)
        {
            return Refused(query, n, overall.Score,
                $"No driver is common enough: each needs at least {MinimumCases} answers having it and {MinimumCases} not having it.") with
            { TooFewCases = tooFew };
        }

        var sample = new DriverSample(eligible.Count);
        foreach (var (score, candidates) in perResponse)
        {
            ulong mask = 0;
            for (var j = 0; j < eligible.Count; j++)
            {
                if (candidates.Contains(eligible[j]))
                {
                    mask |= 1UL << j;
                }
            }

            sample.Add(mask, Outcome(query.Metric, score));
        }

        var weights = sample.Weights();
        var intervals = sample.BootstrapShares(Resamples, Seed);
        var average = 100.0 / eligible.Count;
        var drivers = eligible.Select((c, j) =>
        {
            var scores = perResponse.Where(r => r.Candidates.Contains(c)).Select(r => r.Score).ToList();
            var performance = ScoreCalculator.Compute(query.Metric, scores, MinimumCases);
            var share = weights.RSquared > 0 ? 100 * weights.Weights[j] / weights.RSquared : 0;
            return new DriverResult(Key(c), c.Kind, labels[c], c.Value, counts[c], share, intervals[j].Low, intervals[j].High,
                weights.Weights[j], performance.Score, performance.MarginOfError,
                DriverQuadrants.Of(share, average, performance.Score ?? 0, overall.Score ?? 0));
        }).OrderByDescending(d => d.Importance).ToList();
        return new DriverReport(query.Metric, query.From, query.To, n, MinimumResponses, MinimumCases, null, weights.RSquared,
            overall.Score, Resamples, drivers, tooFew);
    }

    /// <summary>
    /// Drivers present on exactly the same answers (a touch point only reached by phone and the phone channel)
    /// cannot be told apart: they are shown once, named together, instead of splitting one weight in two.
    /// </summary>
    private static List<Candidate> MergeIdentical(List<Candidate> eligible, List<HashSet<Candidate>> rows, Dictionary<Candidate, string> labels)
    {
        var kept = new List<Candidate>();
        var seen = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var candidate in eligible)
        {
            var signature = string.Join(',', rows.Select((r, i) => (r, i)).Where(x => x.r.Contains(candidate)).Select(x => x.i));
            if (seen.TryGetValue(signature, out var first))
            {
                labels[first] = $"{labels[first]} = {labels[candidate]}";
                continue;
            }

            seen[signature] = candidate;
            kept.Add(candidate);
        }

        return kept;
    }

    /// <summary>The row's outcome: its contribution to the metric, so the outcome's mean is the score.</summary>
    public static double Outcome(SurveyMetric metric, int score) => metric switch
    {
        SurveyMetric.Nps => score >= 9 ? 100 : score <= 6 ? -100 : 0,
        _ => score >= 4 ? 100 : 0,
    };

    private static DriverReport Refused(DriverQuery query, int n, double? overall, string why) =>
        new(query.Metric, query.From, query.To, n, MinimumResponses, MinimumCases, why, null, overall, Resamples, [], []);

    private static DriverResult Unscored(Candidate c, string label, int cases) =>
        new(Key(c), c.Kind, label, c.Value, cases, null, null, null, null, null, null, null);

    private static string Key(Candidate c) => $"{JsonNamingPolicy.CamelCase.ConvertName(c.Kind.ToString())}:{c.Value}";

    /// <summary>Top-level topics of each answer's comments ("Delivery", not "Delivery > Late"): fewer, steadier drivers.</summary>
    private async Task<Dictionary<long, HashSet<string>>> TopicsAsync(DriverQuery query, CancellationToken ct)
    {
        var labels = await (from a in db.AnalyzedTexts.AsNoTracking()
                            where a.ResponseId != null && a.OccurredAt >= query.From && a.OccurredAt < query.To
                            from l in a.Labels
                            where l.Kind == TextLabelKind.Topic
                            select new { ResponseId = a.ResponseId!.Value, l.Value }).ToListAsync(ct);
        return labels.GroupBy(l => l.ResponseId).ToDictionary(g => g.Key,
            g => g.Select(l => l.Value.Split(TopicMatch.PathSeparator)[0].Trim()).ToHashSet(StringComparer.Ordinal));
    }

    private static void AddSnapshot(HashSet<Candidate> set, string? snapshot)
    {
        if (snapshot is null)
        {
            return;
        }

        using var json = JsonDocument.Parse(snapshot);
        var root = json.RootElement;
        if (root.TryGetProperty("segments", out var segments) && segments.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in segments.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String))
            {
                set.Add(new(DriverKind.Segment, s.GetString()!));
            }
        }

        if (root.TryGetProperty("persona", out var persona) && persona.ValueKind == JsonValueKind.String)
        {
            set.Add(new(DriverKind.Persona, persona.GetString()!));
        }

        if (root.TryGetProperty("lifecycleStage", out var stage) && stage.ValueKind == JsonValueKind.String)
        {
            set.Add(new(DriverKind.LifecycleStage, stage.GetString()!));
        }

        if (root.TryGetProperty("traits", out var traits) && traits.ValueKind == JsonValueKind.Object)
        {
            // Categories only: a number (age, spend) is no yes/no driver.
            foreach (var t in traits.EnumerateObject())
            {
                var value = t.Value.ValueKind switch
                {
                    JsonValueKind.String => t.Value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (value is not null)
                {
                    set.Add(new(DriverKind.Trait, $"{t.Name}={value}"));
                }
            }
        }
    }

    private async Task<Dictionary<Candidate, string>> LabelsAsync(IEnumerable<Candidate> candidates, CancellationToken ct)
    {
        var touchPoints = await db.TouchPoints.AsNoTracking().ToDictionaryAsync(t => t.Id.ToString("D"), t => t.Name, ct);
        var segments = await db.Segments.AsNoTracking().ToDictionaryAsync(s => s.Id.ToString("D"), s => s.Name, ct);
        var personas = await db.Personas.AsNoTracking().ToDictionaryAsync(p => p.Id.ToString("D"), p => p.Name, ct);
        return candidates.ToDictionary(c => c, c => c.Kind switch
        {
            DriverKind.TouchPoint => touchPoints.GetValueOrDefault(c.Value, "(deleted touch point)"),
            DriverKind.Segment => "Segment: " + segments.GetValueOrDefault(c.Value, "(deleted segment)"),
            DriverKind.Persona => "Persona: " + personas.GetValueOrDefault(c.Value, "(deleted persona)"),
            DriverKind.Channel => "Channel: " + CultureInfo.InvariantCulture.TextInfo.ToTitleCase(c.Value),
            DriverKind.LifecycleStage => "Stage: " + CultureInfo.InvariantCulture.TextInfo.ToTitleCase(c.Value),
            DriverKind.Topic => "Topic: " + c.Value,
            DriverKind.Trait => "Trait: " + c.Value.Replace("=", " = ", StringComparison.Ordinal),
            _ => c.Value,
        });
    }
}
