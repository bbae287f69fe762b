using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Signals;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>
/// What the churn model knows of each customer as of a cut-off instant, read only from what happened up
/// to it: recency, latest scores, recent negative comments and effort, open cases. A customer with no
/// activity (a tracked track, page or screen event) up to the cut-off is not yet a customer who can churn.
/// </summary>
public static class ChurnFeatures
{
    public const string Recency = "recency";
    public const string NoRecentPurchase = "noRecentPurchase";
    public const string NpsDetractor = "npsDetractor";
    public const string NpsPromoter = "npsPromoter";
    public const string CsatLow = "csatLow";
    public const string CesDifficult = "cesDifficult";
    public const string NegativeComment = "negativeComment";
    public const string EffortSignal = "effortSignal";
    public const string OpenCase = "openCase";

    /// <summary>Order of the model's weights.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [Recency, NoRecentPurchase, NpsDetractor, NpsPromoter, CsatLow, CesDifficult, NegativeComment, EffortSignal, OpenCase];

    /// <summary>Recency is counted in months of 30 days, capped at a year: past that, quiet is quiet.</summary>
    public const double MaxRecencyMonths = 12;

    /// <summary>
    /// The prior, in log-odds: a base churn chance of about 12% (intercept -2), each quiet month +0.25, and the
    /// signals' directions from the customer-experience literature (detractors leave more, promoters stay).
    /// </summary>
    public static LogisticModel Prior { get; } = new(-2.0, [0.25, 0.5, 0.8, -0.5, 0.5, 0.4, 0.4, 0.4, 0.3]);

    public sealed record Row(Guid CustomerId, double[] X, DateTime LastActive);

    public static IQueryable<TrackedEvent> Activity(TouchpointDbContext db) =>
        db.Events.AsNoTracking().Where(e => e.Type == EventType.Track || e.Type == EventType.Page || e.Type == EventType.Screen);

    /// <summary>Every customer active up to <paramref name="cutOff"/>, with their features then.</summary>
    public static async Task<List<Row>> AsOfAsync(TouchpointDbContext db, DateTime cutOff, TimeSpan window, string purchaseEvent,
        CancellationToken ct)
    {
        var since = cutOff - window;
        var lastActive = await Activity(db).Where(e => e.OccurredAt <= cutOff)
            .GroupBy(e => e.CustomerId).Select(g => new { g.Key, Last = g.Max(e => e.OccurredAt) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        var recentBuyers = (await db.Events.AsNoTracking()
            .Where(e => e.Type == EventType.Track && e.Name == purchaseEvent && e.OccurredAt > since && e.OccurredAt <= cutOff)
            .Select(e => e.CustomerId).Distinct().ToListAsync(ct)).ToHashSet();
        var answers = await db.Responses.AsNoTracking()
            .Where(r => r.CustomerId != null && r.Score != null && r.SubmittedAt <= cutOff)
            .Select(r => new { CustomerId = r.CustomerId!.Value, r.Metric, r.SubmittedAt, r.Id, Score = r.Score!.Value }).ToListAsync(ct);
        var latest = answers.GroupBy(a => (a.CustomerId, a.Metric))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id).First().Score);
        var negative = (await db.AnalyzedTexts.AsNoTracking()
            .Where(t => t.CustomerId != null && t.Scored && t.SentimentLabel == "negative" && t.OccurredAt > since && t.OccurredAt <= cutOff)
            .Select(t => t.CustomerId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var effort = (await db.AnalyzedTexts.AsNoTracking()
            .Where(t => t.CustomerId != null && t.OccurredAt > since && t.OccurredAt <= cutOff
                && t.Labels.Any(l => l.Kind == TextLabelKind.Signal && (l.Value == SignalKinds.Effort || l.Value == SignalKinds.Churn)))
            .Select(t => t.CustomerId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var openCases = (await db.Cases.AsNoTracking()
            .Where(c => c.CustomerId != null && c.CreatedAt <= cutOff && (c.ResolvedAt == null || c.ResolvedAt > cutOff)
                && (c.ClosedAt == null || c.ClosedAt > cutOff))
            .Select(c => c.CustomerId!.Value).Distinct().ToListAsync(ct)).ToHashSet();

        int? Latest(Guid customer, SurveyMetric metric) => latest.TryGetValue((customer, metric), out var s) ? s : null;
        static double Flag(bool on) => on ? 1 : 0;
        return lastActive.OrderBy(a => a.Key).Select(a =>
        {
            var c = a.Key;
            var (nps, csat, ces) = (Latest(c, SurveyMetric.Nps), Latest(c, SurveyMetric.Csat), Latest(c, SurveyMetric.Ces));
            var months = Math.Min(MaxRecencyMonths, (cutOff - a.Value).TotalDays / 30);
            return new Row(c,
            [
                months,
                Flag(!recentBuyers.Contains(c)),
                Flag(nps is <= 6),
                Flag(nps is >= 9),
                Flag(csat is <= 2),
                Flag(ces is <= 3),
                Flag(negative.Contains(c)),
                Flag(effort.Contains(c)),
                Flag(openCases.Contains(c)),
            ], a.Value);
        }).ToList();
    }

    /// <summary>Customers with activity in (from, to]: after a cut-off, up to and including the label's end.</summary>
    public static async Task<HashSet<Guid>> ActiveBetweenAsync(TouchpointDbContext db, DateTime from, DateTime to, CancellationToken ct) =>
        (await Activity(db).Where(e => e.OccurredAt > from && e.OccurredAt <= to).Select(e => e.CustomerId).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>Customers with activity in [from, to): a reporting window.</summary>
    public static async Task<HashSet<Guid>> ActiveSinceAsync(TouchpointDbContext db, DateTime from, DateTime to, CancellationToken ct) =>
        (await Activity(db).Where(e => e.OccurredAt >= from && e.OccurredAt < to).Select(e => e.CustomerId).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>What a feature means for this customer, in words for the profile page.</summary>
    public static string Describe(string feature, double value, int windowDays) => feature switch
    {
        Recency => value >= MaxRecencyMonths
            ? "No activity for a year or more"
            : string.Create(CultureInfo.InvariantCulture, $"Last active {Math.Round(value * 30):0} days ago"),
        NoRecentPurchase => string.Create(CultureInfo.InvariantCulture, $"No purchase in the last {windowDays} days"),
        NpsDetractor => "Latest NPS answer is a detractor (0-6)",
        NpsPromoter => "Latest NPS answer is a promoter (9-10)",
        CsatLow => "Latest CSAT answer is dissatisfied (1-2)",
        CesDifficult => "Latest effort answer says it was difficult (1-3)",
        NegativeComment => string.Create(CultureInfo.InvariantCulture, $"Negative comment in the last {windowDays} days"),
        EffortSignal => string.Create(CultureInfo.InvariantCulture, $"Said it took effort or spoke of leaving in the last {windowDays} days"),
        OpenCase => "Has an open case",
        _ => feature,
    };
}
