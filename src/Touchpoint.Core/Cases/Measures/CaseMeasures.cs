using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Sla;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Cases.Measures;

/// <summary>
/// How well the loop is closed, over the cases opened in a period: how many were opened and resolved,
/// how long first contact and resolution took (in calendar and in business time), how often the SLA
/// targets were met, and how many unhappy customers were recovered. docs/cases.md defines each measure.
/// </summary>
public sealed class CaseMeasures(TouchpointDbContext db, TimeProvider clock)
{
    /// <summary>No rate is shown over fewer cases than this: it would swing on one case.</summary>
    public const int MinimumForRate = 5;

    public sealed record Report(DateTime From, DateTime To, CaseGrouping GroupBy, Measures Total, IReadOnlyList<Group> Groups,
        IReadOnlyList<Volume> ByRootCause, IReadOnlyList<Volume> ByTouchPoint);

    public sealed record Group(string? Key, string Label, Measures Measures);

    public sealed record Measures(int Opened, int Resolved, Duration TimeToFirstContact, Duration TimeToResolve, Rate FirstResponseSla,
        Rate ResolutionSla, Rate Recovery);

    /// <summary>Minutes over <see cref="N"/> cases; null when there are none.</summary>
    public sealed record Duration(int N, double? MedianMinutes, double? MeanMinutes, double? MedianBusinessMinutes, double? MeanBusinessMinutes);

    /// <summary>A share in percent, null (and <see cref="TooFew"/>) under <see cref="MinimumForRate"/> cases.</summary>
    public sealed record Rate(int Count, int OutOf, double? Percent, bool TooFew)
    {
        public static Rate Of(int count, int outOf) =>
            outOf < MinimumForRate ? new Rate(count, outOf, null, true) : new Rate(count, outOf, Math.Round(100.0 * count / outOf, 1), false);
    }

    public sealed record Volume(string? Key, string Label, int Cases);

    private sealed record Row(Guid Id, CasePriority Priority, Guid? OwnerId, Guid? TeamId, string? RootCause, Guid? TouchPointId,
        Guid? CustomerId, long? ResponseId, DateTime CreatedAt, DateTime? FirstContactAt, DateTime? ResolvedAt, Guid? SlaPolicyId,
        DateTime? FirstResponseDueAt, DateTime? ResolutionDueAt);

    private sealed record Answer(long Id, Guid CustomerId, SurveyMetric Metric, int Score, DateTime SubmittedAt);

    public async Task<Report> MeasureAsync(DateTime from, DateTime to, CaseGrouping groupBy, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Cases.AsNoTracking().Where(c => c.CreatedAt >= from && c.CreatedAt < to)
            .Select(c => new Row(c.Id, c.Priority, c.OwnerId, c.TeamId, c.RootCause, c.TouchPointId, c.CustomerId, c.ResponseId, c.CreatedAt,
                c.FirstContactAt, c.ResolvedAt, c.SlaPolicyId, c.FirstResponseDueAt, c.ResolutionDueAt))
            .ToListAsync(ct);
        var clocks = (await db.SlaPolicies.AsNoTracking().Select(p => new { p.Id, p.BusinessHours }).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => BusinessClock.FromJson(p.BusinessHours));
        var recovery = await RecoveryAsync(rows, ct);
        var labels = await LabelsAsync(groupBy, rows, ct);

        Measures Measure(IReadOnlyList<Row> cases) => new(
            cases.Count,
            cases.Count(c => c.ResolvedAt is not null),
            Durations(cases.Where(c => c.FirstContactAt is not null).Select(c => (c, c.FirstContactAt!.Value)), clocks),
            Durations(cases.Where(c => c.ResolvedAt is not null).Select(c => (c, c.ResolvedAt!.Value)), clocks),
            Attainment(cases.Select(c => (c.FirstResponseDueAt, c.FirstContactAt)), now),
            Attainment(cases.Select(c => (c.ResolutionDueAt, c.ResolvedAt)), now),
            RecoveryRate(cases, recovery));

        var groups = groupBy == CaseGrouping.None
            ? []
            : rows.GroupBy(r => KeyOf(r, groupBy))
                .Select(g => new Group(g.Key, labels.GetValueOrDefault(g.Key ?? "") ?? NoneLabel(groupBy), Measure(g.ToList())))
                .OrderByDescending(g => g.Measures.Opened).ThenBy(g => g.Label, StringComparer.OrdinalIgnoreCase)
                .ToList();
        var rootCauses = rows.GroupBy(r => r.RootCause).Select(g => new Volume(g.Key, g.Key ?? NoneLabel(CaseGrouping.RootCause), g.Count()))
            .OrderByDescending(v => v.Cases).ThenBy(v => v.Label, StringComparer.OrdinalIgnoreCase).ToList();
        var touchPointNames = groupBy == CaseGrouping.TouchPoint ? labels : await LabelsAsync(CaseGrouping.TouchPoint, rows, ct);
        var touchPoints = rows.GroupBy(r => r.TouchPointId?.ToString())
            .Select(g => new Volume(g.Key, touchPointNames.GetValueOrDefault(g.Key ?? "") ?? NoneLabel(CaseGrouping.TouchPoint), g.Count()))
            .OrderByDescending(v => v.Cases).ThenBy(v => v.Label, StringComparer.OrdinalIgnoreCase).ToList();
        return new Report(from, to, groupBy, Measure(rows), groups, rootCauses, touchPoints);
    }

    private static Duration Durations(IEnumerable<(Row Case, DateTime Done)> cases, Dictionary<Guid, BusinessClock> clocks)
    {
        var calendar = new List<double>();
        var business = new List<double>();
        foreach (var (row, done) in cases)
        {
            calendar.Add((done - row.CreatedAt).TotalMinutes);
            var businessClock = row.SlaPolicyId is { } policy && clocks.TryGetValue(policy, out var found) ? found : BusinessClock.Always;
            business.Add(businessClock.Between(row.CreatedAt, done).TotalMinutes);
        }

        return new Duration(calendar.Count, Median(calendar), Mean(calendar), Median(business), Mean(business));
    }

    /// <summary>Met = done by the due time. Cases still inside their target are not counted yet; those past it count as missed.</summary>
    private static Rate Attainment(IEnumerable<(DateTime? DueAt, DateTime? DoneAt)> targets, DateTime now)
    {
        var (met, counted) = (0, 0);
        foreach (var (due, done) in targets)
        {
            if (due is null || (done is null && due > now))
            {
                continue;
            }

            counted++;
            met += done is { } d && d <= due ? 1 : 0;
        }

        return Rate.Of(met, counted);
    }

    /// <summary>Per case opened from a low score: whether the customer answered the same metric again, and whether that next score rose.</summary>
    private sealed record Outcome(Guid CustomerId, DateTime OpenedAt, bool AnsweredAgain, bool Rose);

    private static Rate RecoveryRate(IReadOnlyList<Row> cases, Dictionary<Guid, Outcome> outcomes)
    {
        // Each customer counts once: with their earliest case from a low score in the group.
        var firsts = cases.Where(c => outcomes.ContainsKey(c.Id)).Select(c => outcomes[c.Id])
            .GroupBy(o => o.CustomerId).Select(g => g.MinBy(o => o.OpenedAt)!).Where(o => o.AnsweredAgain).ToList();
        return Rate.Of(firsts.Count(o => o.Rose), firsts.Count);
    }

    private async Task<Dictionary<Guid, Outcome>> RecoveryAsync(List<Row> rows, CancellationToken ct)
    {
        var responseIds = rows.Where(r => r.ResponseId is not null && r.CustomerId is not null).Select(r => r.ResponseId!.Value).ToList();
        var opening = await db.Responses.AsNoTracking()
            .Where(r => responseIds.Contains(r.Id) && r.Status == ResponseStatus.Completed && r.Score != null && r.CustomerId != null)
            .Select(r => new Answer(r.Id, r.CustomerId!.Value, r.Metric, r.Score!.Value, r.SubmittedAt)).ToListAsync(ct);
        var low = opening.Where(IsLow).ToDictionary(a => a.Id);
        var customers = low.Values.Select(a => a.CustomerId).Distinct().ToList();
        var later = (await db.Responses.AsNoTracking()
                .Where(r => r.CustomerId != null && customers.Contains(r.CustomerId.Value) && r.Status == ResponseStatus.Completed && r.Score != null)
                .Select(r => new Answer(r.Id, r.CustomerId!.Value, r.Metric, r.Score!.Value, r.SubmittedAt)).ToListAsync(ct))
            .ToLookup(a => (a.CustomerId, a.Metric));
        var outcomes = new Dictionary<Guid, Outcome>();
        foreach (var row in rows)
        {
            if (row.ResponseId is not { } responseId || !low.TryGetValue(responseId, out var first))
            {
                continue;
            }

            var next = later[(first.CustomerId, first.Metric)].Where(a => a.SubmittedAt > first.SubmittedAt && a.Id != first.Id)
                .OrderBy(a => a.SubmittedAt).FirstOrDefault();
            outcomes[row.Id] = new Outcome(first.CustomerId, row.CreatedAt, next is not null, next is not null && next.Score > first.Score);
        }

        return outcomes;
    }

    /// <summary>The scores that open a case to recover the customer: NPS detractors (0-6), CSAT 1-2, CES 1-3 (difficult).</summary>
    public static bool IsLow(SurveyMetric metric, int score) => metric switch
    {
        SurveyMetric.Nps => score <= 6,
        SurveyMetric.Csat => score <= 2,
        SurveyMetric.Ces => score <= 3,
        _ => false,
    };

    private static bool IsLow(Answer answer) => IsLow(answer.Metric, answer.Score);

    private static string? KeyOf(Row row, CaseGrouping groupBy) => groupBy switch
    {
        CaseGrouping.Owner => row.OwnerId?.ToString(),
        CaseGrouping.Team => row.TeamId?.ToString(),
        CaseGrouping.RootCause => row.RootCause,
        CaseGrouping.TouchPoint => row.TouchPointId?.ToString(),
        CaseGrouping.Priority => row.Priority.ToString(),
        _ => null,
    };

    private static string NoneLabel(CaseGrouping groupBy) => groupBy switch
    {
        CaseGrouping.Owner => "Unassigned",
        CaseGrouping.Team => "No team",
        CaseGrouping.RootCause => "No root cause",
        CaseGrouping.TouchPoint => "No touch point",
        _ => "All",
    };

    private async Task<Dictionary<string, string>> LabelsAsync(CaseGrouping groupBy, List<Row> rows, CancellationToken ct)
    {
        switch (groupBy)
        {
            case CaseGrouping.Owner:
                var owners = rows.Where(r => r.OwnerId is not null).Select(r => r.OwnerId!.Value).Distinct().ToList();
                return (await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
                    .ToDictionary(u => u.Id.ToString(), u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? "" : u.DisplayName);
            case CaseGrouping.Team:
                return (await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct)).ToDictionary(t => t.Id.ToString(), t => t.Name);
            case CaseGrouping.TouchPoint:
                return (await db.TouchPoints.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct)).ToDictionary(t => t.Id.ToString(), t => t.Name);
            case CaseGrouping.RootCause:
                return rows.Where(r => r.RootCause is not null).Select(r => r.RootCause!).Distinct().ToDictionary(r => r, r => r);
            case CaseGrouping.Priority:
                return Enum.GetValues<CasePriority>().ToDictionary(p => p.ToString(), p => p.ToString());
            default:
                return [];
        }
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return Math.Round(values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2, 1);
    }

    private static double? Mean(List<double> values) => values.Count == 0 ? null : Math.Round(values.Average(), 1);
}

/// <summary>What the measures are broken down by.</summary>
public enum CaseGrouping
{
    None,
    Owner,
    Team,
    RootCause,
    TouchPoint,
    Priority,
}
