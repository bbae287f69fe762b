using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Pages;

/// <summary>NPS, CSAT and CES over a period, each with its 95% margin of error, and the weekly NPS trend.</summary>
[Authorize(Policy = "member")]
internal sealed class DashboardModel(MetricsService metrics, CurrentWorkspace current, TouchpointDbContext db, TimeProvider clock) : PageModel
{
    public static readonly int[] PeriodChoices = [30, 90, 180, 365];

    public sealed record Card(string Key, string Title, MetricScore Score)
    {
        public string Format(double value) => Key == "ces" ? value.ToString("0.0") : value.ToString("0");

        public double Share(int part) => Score.N == 0 ? 0 : Math.Round(100.0 * part / Score.N, 1);

        public string SplitLabel => Key switch
        {
            "nps" => $"{Share(Score.Breakdown.High)}% promoters, {Share(Score.Breakdown.Middle)}% passives, {Share(Score.Breakdown.Low)}% detractors",
            "csat" => $"{Share(Score.Breakdown.High)}% satisfied (4-5), {Share(Score.Breakdown.Low)}% dissatisfied (1-2)",
            _ => $"{Share(Score.Breakdown.High)}% easy (5-7), {Share(Score.Breakdown.Low)}% difficult (1-3)",
        };
    }

    public int Days { get; private set; } = 90;
    public bool CanViewAnalytics { get; private set; }
    public string WorkspaceName { get; private set; } = "";
    public int TotalResponses { get; private set; }
    public List<Card> Cards { get; } = [];
    public IReadOnlyList<MetricPeriod> NpsTrend { get; private set; } = [];
    public string TrendJson { get; private set; } = "[]";
    public Guid? SegmentId { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Segments { get; private set; } = [];

    /// <summary>Only answers whose comments have this sentiment (an unknown value is ignored, as an unknown segment is).</summary>
    public string? Sentiment { get; private set; }

    public async Task OnGetAsync(int? days, Guid? segment, string? sentiment, CancellationToken ct)
    {
        var workspace = await current.GetAsync(ct);
        WorkspaceName = workspace.Name;
        CanViewAnalytics = User.Has(Permission.ViewAnalytics);
        if (!CanViewAnalytics)
        {
            return;
        }

        Days = days is { } d && PeriodChoices.Contains(d) ? d : 90;
        TotalResponses = await db.Responses.CountAsync(r => r.Status == Core.Feedback.ResponseStatus.Completed, ct);
        if (TotalResponses == 0)
        {
            return;
        }

        // Filters answers by the segment's current members (the answer-time snapshot comes with the feedback capability).
        Segments = (await db.Segments.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, s.Name)).ToList();
        SegmentId = segment is { } chosen && Segments.Any(s => s.Id == chosen) ? chosen : null;
        Sentiment = SentimentLabels.All.FirstOrDefault(l => l == sentiment);
        var text = new ResponseTextFilter(Sentiment);
        var to = clock.GetUtcNow().UtcDateTime;
        var from = to.AddDays(-Days);
        var nps = await metrics.ComputeAsync(workspace, new MetricQuery(SurveyMetric.Nps, from, to, PeriodGrouping.Week, SegmentId: SegmentId) { Text = text }, ct: ct);
        var csat = await metrics.ComputeAsync(workspace, new MetricQuery(SurveyMetric.Csat, from, to, SegmentId: SegmentId) { Text = text }, ct: ct);
        var ces = await metrics.ComputeAsync(workspace, new MetricQuery(SurveyMetric.Ces, from, to, SegmentId: SegmentId) { Text = text }, ct: ct);
        Cards.Add(new Card("nps", "Net Promoter Score", nps.Overall));
        Cards.Add(new Card("csat", "Customer satisfaction (CSAT)", csat.Overall));
        Cards.Add(new Card("ces", "Customer effort (CES, 1-7)", ces.Overall));
        NpsTrend = nps.Groups;
        // Serialized with the default encoder, which escapes <, > and & so the JSON is safe inside a script tag.
        TrendJson = JsonSerializer.Serialize(nps.Groups.Select(g => new
        {
            week = g.Start.ToString("yyyy-MM-dd"),
            score = g.Score.Score,
            margin = g.Score.MarginOfError,
            n = g.Score.N,
        }));
    }
}
