using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Analytics.Dashboards;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages;

/// <summary>
/// The home dashboard of the person's role: the CX manager's (scores with margins and significant change,
/// trend, distribution, heat map of touch point by stage, breakdowns), the team manager's (their teams and
/// agents, open cases) or the agent's (own scores, own open cases). One filter bar, in the URL, applies to
/// every widget; every number links to the responses behind it.
/// </summary>
[Authorize(Policy = "member")]
internal sealed class DashboardModel(DashboardFigures figures, CurrentWorkspace current, TouchpointDbContext db, TimeProvider clock) : PageModel
{
    public static readonly Dimension[] BreakdownDimensions = [Dimension.Segment, Dimension.TouchPoint, Dimension.Channel];

    public string WorkspaceName { get; private set; } = "";
    public DashboardRequest? Dashboard { get; private set; }
    public int TotalResponses { get; private set; }
    public int MinimumAnswers { get; private set; } = ScoreCalculator.DefaultMinimumAnswers;
    public FilterChoices Choices { get; private set; } = new([], [], [], [], [], [], [], []);
    public IReadOnlyList<ScoreCard> Cards { get; private set; } = [];
    public IReadOnlyList<MetricPeriod> Trend { get; private set; } = [];
    public string TrendJson { get; private set; } = "[]";
    public IReadOnlyList<(int Value, int Count)> Distribution { get; private set; } = [];
    public HeatMap? Heat { get; private set; }
    public Dictionary<Dimension, IReadOnlyList<MetricGroup>> Breakdowns { get; } = [];
    public TeamFigures? Teams { get; private set; }
    public IReadOnlyList<OpenCase> OwnCases { get; private set; } = [];
    public int OwnCaseCount { get; private set; }
    /// <summary>The CX view's response rates per survey and channel, for the dashboard's days and channel.</summary>
    public Analytics.Rates.RatesView? Rates { get; private set; }

    public DashboardFilter Filter => Dashboard!.Filter;
    public DashboardRange Range => Dashboard!.Range;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var workspace = await current.GetAsync(ct);
        WorkspaceName = workspace.Name;
        MinimumAnswers = workspace.MinimumAnswers;
        Dashboard = await DashboardRequest.ResolveAsync(User, Request.Query, workspace, db, figures, clock, ct);
        if (Dashboard is null)
        {
            return;
        }

        TotalResponses = await db.Responses.CountAsync(r => r.Status == Core.Feedback.ResponseStatus.Completed, ct);
        if (TotalResponses == 0)
        {
            return;
        }

        Choices = await FilterChoices.LoadAsync(db, ct);
        switch (Dashboard.View)
        {
            case DashboardView.Cx:
                Cards = await figures.CardsAsync(workspace, Filter, Range, ct);
                Trend = await figures.TrendAsync(workspace, Filter, Range, ct);
                Distribution = await figures.DistributionAsync(Filter, Range, ct);
                Heat = await figures.HeatMapAsync(workspace, Filter, Range, ct);
                foreach (var dimension in BreakdownDimensions)
                {
                    Breakdowns[dimension] = await figures.BreakdownAsync(workspace, Filter, Range, dimension, ct);
                }

                Rates = await Analytics.Rates.RatesView.LoadAsync(db, workspace, Range.FirstDay, Range.LastDay, null, Filter.Channel, ct);

                break;
            case DashboardView.Team:
                Teams = await figures.TeamsAsync(workspace, Filter, Range, Dashboard.TeamIds, ct);
                break;
            case DashboardView.Agent:
                Cards = Dashboard.AgentName is null ? [] : await figures.CardsAsync(workspace, Filter, Range, ct);
                (OwnCases, OwnCaseCount) = await figures.OwnOpenCasesAsync(Dashboard.UserId, ct);
                break;
        }

        // Serialized with the default encoder, which escapes <, > and & so the JSON is safe inside a script tag.
        TrendJson = JsonSerializer.Serialize(Trend.Select(g => new
        {
            week = g.Start.ToString("yyyy-MM-dd"),
            score = g.Score.Score,
            margin = g.Score.MarginOfError,
            n = g.Score.N,
            href = DrillDown.Week(Filter, Filter.Metric, Range, g.Start),
        }));
    }

    /// <summary>This view with the filter changed (null removes a value); links and chips use it.</summary>
    public string Link(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var query = DashboardFilterQuery.Write(Filter, overrides);
        var view = Dashboard!.View == DashboardViews.DefaultFor(User.Role()) ? "" : $"view={DashboardViews.Slug(Dashboard.View)}";
        var all = string.Join("&", new[] { view, query }.Where(p => p.Length > 0));
        return all.Length == 0 ? "/" : "/?" + all;
    }

    public FilterBar Bar
    {
        get
        {
            var view = Dashboard!.View;
            var isDefault = view == DashboardViews.DefaultFor(User.Role());
            var hidden = isDefault ? new Dictionary<string, string>() : new Dictionary<string, string> { ["view"] = DashboardViews.Slug(view) };
            return new FilterBar(Filter, Choices, "/", hidden, view == DashboardView.Cx, view != DashboardView.Agent, Link,
                isDefault ? "/" : "/?view=" + DashboardViews.Slug(view));
        }
    }

    public string Csv(string table) =>
        $"/dashboards/export/{table}.csv?" + string.Join("&", new[] { $"view={DashboardViews.Slug(Dashboard!.View)}", DashboardFilterQuery.Write(Filter) }.Where(p => p.Length > 0));

    public string Drill(SurveyMetric metric, IReadOnlyDictionary<string, string?>? extra = null) => DrillDown.Responses(Filter, metric, Range, extra);

    public static string Name(SurveyMetric metric) => metric switch
    {
        SurveyMetric.Nps => "NPS",
        SurveyMetric.Csat => "CSAT",
        _ => "CES",
    };

    public static string Title(SurveyMetric metric) => metric switch
    {
        SurveyMetric.Nps => "Net Promoter Score",
        SurveyMetric.Csat => "Customer satisfaction (CSAT)",
        _ => "Customer effort (CES, 1-7)",
    };

    public static string Format(SurveyMetric metric, double value) =>
        metric == SurveyMetric.Ces ? value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : value.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Signed(SurveyMetric metric, double value) => (value > 0 ? "+" : value < 0 ? "−" : "±") + Format(metric, Math.Abs(value));

    public static double Share(MetricScore score, int part) => score.N == 0 ? 0 : Math.Round(100.0 * part / score.N, 1);

    public static string SplitLabel(MetricScore s) => s.Metric switch
    {
        SurveyMetric.Nps => $"{Share(s, s.Breakdown.High)}% promoters, {Share(s, s.Breakdown.Middle)}% passives, {Share(s, s.Breakdown.Low)}% detractors",
        SurveyMetric.Csat => $"{Share(s, s.Breakdown.High)}% satisfied (4-5), {Share(s, s.Breakdown.Low)}% dissatisfied (1-2)",
        _ => $"{Share(s, s.Breakdown.High)}% easy (5-7), {Share(s, s.Breakdown.Low)}% difficult (1-3)",
    };

    /// <summary>
    /// A heat map colour class from the score's position on its scale: NPS -100..100, CSAT 0..100, CES 1..7,
    /// cut in five bands; too few answers are grey.
    /// </summary>
    public static string Heat5(MetricScore score)
    {
        if (score.Score is not { } value)
        {
            return "heat-none";
        }

        var position = score.Metric switch
        {
            SurveyMetric.Nps => (value + 100) / 200,
            SurveyMetric.Csat => value / 100,
            _ => (value - 1) / 6,
        };
        return $"heat-{Math.Clamp((int)(position * 5), 0, 4)}";
    }

    public static string DimensionTitle(Dimension dimension) => dimension switch
    {
        Dimension.TouchPoint => "Touch point",
        _ => dimension.ToString(),
    };

    /// <summary>The filter a breakdown row drills down with.</summary>
    public static string DimensionParameter(Dimension dimension) => dimension switch
    {
        Dimension.Segment => "segment",
        Dimension.TouchPoint => "touchpoint",
        Dimension.Channel => "channel",
        Dimension.Stage => "stage",
        Dimension.Team => "team",
        Dimension.Agent => "agent",
        Dimension.Persona => "persona",
        Dimension.Language => "language",
        Dimension.Sentiment => "sentiment",
        Dimension.Topic => "topic",
        _ => "survey",
    };
}
