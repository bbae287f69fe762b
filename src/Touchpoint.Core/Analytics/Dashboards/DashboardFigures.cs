using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>
/// The figures of the home dashboards, all computed by <see cref="MetricsService"/> (scores, trends,
/// breakdowns) over the answers <see cref="MetricAnswers"/> selects, so each number's drill-down counts
/// the same answers.
/// </summary>
public sealed class DashboardFigures(MetricsService metrics, TouchpointDbContext db)
{
    public static readonly IReadOnlyList<SurveyMetric> Metrics = [SurveyMetric.Nps, SurveyMetric.Csat, SurveyMetric.Ces];

    /// <summary>NPS, CSAT and CES over the period, each against the comparison period when there is one.</summary>
    public async Task<IReadOnlyList<ScoreCard>> CardsAsync(Workspace workspace, DashboardFilter filter, DashboardRange range,
        CancellationToken ct = default)
    {
        var cards = new List<ScoreCard>();
        foreach (var metric in Metrics)
        {
            cards.Add(await CardAsync(workspace, filter, range, metric, ct));
        }

        return cards;
    }

    public async Task<ScoreCard> CardAsync(Workspace workspace, DashboardFilter filter, DashboardRange range, SurveyMetric metric,
        CancellationToken ct = default)
    {
        var current = (await metrics.ComputeAsync(workspace, filter.Query(metric, range.FromUtc, range.ToUtc), ct: ct)).Overall;
        if (range.Comparison is not { } before)
        {
            return new ScoreCard(metric, current, null, null);
        }

        var previous = (await metrics.ComputeAsync(workspace, filter.Query(metric, before.FromUtc, before.ToUtc), ct: ct)).Overall;
        return new ScoreCard(metric, current, previous, Significance.Compare(previous, current));
    }

    /// <summary>The filter's metric per week (weeks start on the workspace's week start, cut in its zone).</summary>
    public async Task<IReadOnlyList<MetricPeriod>> TrendAsync(Workspace workspace, DashboardFilter filter, DashboardRange range,
        CancellationToken ct = default) =>
        (await metrics.ComputeAsync(workspace, filter.Query(filter.Metric, range.FromUtc, range.ToUtc, PeriodGrouping.Week), ct: ct)).Groups;

    /// <summary>How many answers gave each value of the metric's scale (0-10, 1-5 or 1-7), zeros included.</summary>
    public async Task<IReadOnlyList<(int Value, int Count)>> DistributionAsync(DashboardFilter filter, DashboardRange range,
        CancellationToken ct = default)
    {
        var counts = await MetricAnswers.Apply(db, filter.Query(filter.Metric, range.FromUtc, range.ToUtc)).AsNoTracking()
            .GroupBy(r => r.Score!.Value).Select(g => new { Value = g.Key, Count = g.Count() }).ToListAsync(ct);
        var (min, max) = filter.Metric switch
        {
            SurveyMetric.Nps => (0, 10),
            SurveyMetric.Csat => (1, 5),
            _ => (1, 7),
        };
        return Enumerable.Range(min, max - min + 1)
            .Select(v => (v, counts.Where(c => c.Value == v).Sum(c => c.Count))).ToList();
    }

    public Task<IReadOnlyList<MetricGroup>> BreakdownAsync(Workspace workspace, DashboardFilter filter, DashboardRange range,
        Dimension dimension, CancellationToken ct = default) =>
        metrics.BreakdownAsync(workspace, filter.Query(filter.Metric, range.FromUtc, range.ToUtc), dimension, ct: ct);

    /// <summary>
    /// The metric per touch point and stage. Stages are the journeys' stages in order (the default journey
    /// first); a cell holds the answers at that touch point in that stage (the response's own stage, or its
    /// touch point's), exactly what the drill-down with both filters lists.
    /// </summary>
    public async Task<HeatMap> HeatMapAsync(Workspace workspace, DashboardFilter filter, DashboardRange range, CancellationToken ct = default)
    {
        var stages = await (from s in db.JourneyStages.AsNoTracking()
                            join j in db.Journeys on s.JourneyId equals j.Id
                            orderby j.IsDefault descending, j.Name, s.Position
                            select new HeatMapAxis(s.Id, s.Name)).ToListAsync(ct);
        // One grouped query for the whole map (not one breakdown per stage): answers counted per touch
        // point, stage and score value, then tallied here; a score's value decides its band.
        var counts = await (
            from r in MetricAnswers.Apply(db, filter.Query(filter.Metric, range.FromUtc, range.ToUtc)).AsNoTracking()
            where r.TouchPointId != null
            from t in db.TouchPoints.Where(t => t.Id == r.TouchPointId).DefaultIfEmpty()
            group r by new { r.TouchPointId, Stage = r.JourneyStageId ?? (Guid?)t.StageId, r.Score } into g
            select new { g.Key.TouchPointId, g.Key.Stage, g.Key.Score, Count = g.Count() }).ToListAsync(ct);
        var known = stages.Select(s => s.Id).ToHashSet();
        var tallies = new Dictionary<(Guid, Guid), ScoreTally>();
        foreach (var c in counts.Where(c => c.Stage is { } stage && known.Contains(stage)))
        {
            var key = (c.TouchPointId!.Value, c.Stage!.Value);
            tallies[key] = tallies.GetValueOrDefault(key) + ScoreTally.Of(filter.Metric, c.Score!.Value).Times(c.Count);
        }

        var cells = tallies.ToDictionary(t => t.Key, t => ScoreCalculator.FromTally(filter.Metric, t.Value, workspace.MinimumAnswers));
        var order = stages.Select((s, i) => (s.Id, i)).ToDictionary(s => s.Id, s => s.i);
        var used = cells.Keys.Select(k => k.Item1).ToHashSet();
        var touchPoints = (await db.TouchPoints.AsNoTracking().Where(t => used.Contains(t.Id))
                .Select(t => new { t.Id, t.Name, t.StageId }).ToListAsync(ct))
            .OrderBy(t => order.GetValueOrDefault(t.StageId, int.MaxValue)).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => new HeatMapAxis(t.Id, t.Name)).ToList();
        var usedStages = cells.Keys.Select(k => k.Item2).ToHashSet();
        return new HeatMap(stages.Where(s => usedStages.Contains(s.Id)).ToList(), touchPoints, cells);
    }

    /// <summary>
    /// Scores per team and per agent (a team member, as responses name them) for <paramref name="teamIds"/>,
    /// and those teams' open cases, newest first.
    /// </summary>
    public async Task<TeamFigures> TeamsAsync(Workspace workspace, DashboardFilter filter, DashboardRange range,
        IReadOnlyCollection<Guid> teamIds, CancellationToken ct = default)
    {
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var members = await (from m in db.TeamMembers.AsNoTracking()
                             where teamIds.Contains(m.TeamId)
                             join u in db.Users on m.UserId equals u.Id
                             select u.DisplayName != "" ? u.DisplayName : u.Email).Distinct().ToListAsync(ct);
        var byTeam = new Dictionary<string, List<MetricScore>>();
        var byAgent = new Dictionary<string, List<MetricScore>>();
        foreach (var metric in Metrics)
        {
            var query = filter.Query(metric, range.FromUtc, range.ToUtc);
            var teamGroups = (await metrics.BreakdownAsync(workspace, query, Dimension.Team, ct: ct)).ToDictionary(g => g.Key);
            var agentGroups = (await metrics.BreakdownAsync(workspace, query, Dimension.Agent, ct: ct)).ToDictionary(g => g.Key);
            foreach (var team in teams)
            {
                var key = team.Id.ToString("D");
                Add(byTeam, key, teamGroups.TryGetValue(key, out var g) ? g.Score : ScoreCalculator.Compute(metric, [], workspace.MinimumAnswers));
            }

            foreach (var agent in members.OfType<string>())
            {
                Add(byAgent, agent, agentGroups.TryGetValue(agent, out var g) ? g.Score : ScoreCalculator.Compute(metric, [], workspace.MinimumAnswers));
            }
        }

        var open = db.Cases.AsNoTracking().Where(c => c.TeamId != null && teamIds.Contains(c.TeamId.Value)
            && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed);
        return new TeamFigures(
            teams.Select(t => new GroupScores(t.Id.ToString("D"), t.Name, byTeam[t.Id.ToString("D")])).ToList(),
            byAgent.OrderBy(a => a.Key, StringComparer.OrdinalIgnoreCase).Select(a => new GroupScores(a.Key, a.Key, a.Value)).ToList(),
            await OpenCasesAsync(open, ct), await open.CountAsync(ct));
    }

    /// <summary>The open cases <paramref name="userId"/> owns, newest first, and how many there are.</summary>
    public async Task<(IReadOnlyList<OpenCase> Cases, int Count)> OwnOpenCasesAsync(Guid userId, CancellationToken ct = default)
    {
        var open = db.Cases.AsNoTracking().Where(c => c.OwnerId == userId && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed);
        return (await OpenCasesAsync(open, ct), await open.CountAsync(ct));
    }

    /// <summary>How responses name this member as their agent: the display name, or the email when there is none.</summary>
    public Task<string?> AgentNameAsync(Guid userId, CancellationToken ct = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync(ct);

    private static async Task<IReadOnlyList<OpenCase>> OpenCasesAsync(IQueryable<Case> open, CancellationToken ct) =>
        (await open.OrderByDescending(c => c.CreatedAt).Take(20)
            .Select(c => new { c.Id, c.Number, c.Title, c.Status, c.Priority, c.CreatedAt }).ToListAsync(ct))
        .Select(c => new OpenCase(c.Id, c.Number, c.Title, c.Status.ToString(), c.Priority.ToString(), c.CreatedAt)).ToList();

    private static void Add(Dictionary<string, List<MetricScore>> into, string key, MetricScore score)
    {
        if (!into.TryGetValue(key, out var list))
        {
            into[key] = list = [];
        }

        list.Add(score);
    }
}
