using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.Dashboards.Digests;

/// <summary>
/// Writes a member's digest for one period: NPS, CSAT and CES with their change against the period before
/// (called significant only at p &lt; 0.05), the touch points whose NPS moved most, and cases opened in the
/// period that are still open (a manager's: their teams'). Scores and counts only: no customer's words.
/// </summary>
public sealed class DigestComposer(DashboardFigures figures, TouchpointDbContext db)
{
    public const int Movers = 3;

    public async Task<EmailMessage> ComposeAsync(Workspace workspace, string to, WorkspaceRole role, Guid userId, DateOnly first, DateOnly last,
        string unsubscribeUrl, string dashboardUrl, CancellationToken ct)
    {
        var filter = new DashboardFilter { From = first, To = last, Compare = ComparePeriod.Previous };
        var range = DashboardRange.Resolve(workspace, filter, DateTimeOffset.UnixEpoch);
        var cards = await figures.CardsAsync(workspace, filter, range, ct);
        var now = await figures.BreakdownAsync(workspace, filter, range, Dimension.TouchPoint, ct);
        var before = (await figures.BreakdownAsync(workspace, filter, range.Comparison!, Dimension.TouchPoint, ct)).ToDictionary(g => g.Key);
        var movers = now.Where(g => g.Score.Score is not null && before.TryGetValue(g.Key, out var b) && b.Score.Score is not null)
            .Select(g => (g.Label, Change: Significance.Compare(before[g.Key].Score, g.Score)))
            .OrderByDescending(m => Math.Abs(m.Change.Difference ?? 0)).Take(Movers).ToList();

        var cases = db.Cases.AsNoTracking().Where(c => c.CreatedAt >= range.FromUtc && c.CreatedAt < range.ToUtc
            && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed);
        if (role == WorkspaceRole.Manager)
        {
            var teams = db.TeamMembers.Where(m => m.UserId == userId).Select(m => (Guid?)m.TeamId);
            cases = cases.Where(c => teams.Contains(c.TeamId));
        }

        var openCases = await cases.CountAsync(ct);
        var period = first == last ? first.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
            : $"{first.ToString("d MMM", CultureInfo.InvariantCulture)} – {last.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{workspace.Name}: {period}").AppendLine();
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(workspace.Name)}: {E(period)}</h1><ul>");
        foreach (var card in cards)
        {
            var line = $"{Name(card.Metric)}: {Score(card.Current)} (n = {card.Current.N}){Change(card)}";
            text.AppendLine(line);
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}</li>");
        }

        text.AppendLine().AppendLine("Biggest movers among touch points (NPS):");
        html.Append("</ul><h2>Biggest movers among touch points (NPS)</h2><ul>");
        foreach (var (label, change) in movers)
        {
            var line = $"{label}: {Signed(change.Difference!.Value)}{(change.IsSignificant ? " (significant)" : "")}";
            text.AppendLine(line);
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}</li>");
        }

        if (movers.Count == 0)
        {
            text.AppendLine("No touch point had enough answers in both periods.");
            html.Append("<li>No touch point had enough answers in both periods.</li>");
        }

        var casesLine = $"New cases still open: {openCases}";
        text.AppendLine().AppendLine(casesLine).AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Open the dashboard: {dashboardUrl}")
            .AppendLine(CultureInfo.InvariantCulture, $"Stop these emails: {unsubscribeUrl}");
        html.Append(CultureInfo.InvariantCulture, $"</ul><p>{E(casesLine)}</p><p><a href=\"{E(dashboardUrl)}\">Open the dashboard</a> · <a href=\"{E(unsubscribeUrl)}\">Stop these emails</a></p>");
        var headers = new Dictionary<string, string> { ["List-Unsubscribe"] = $"<{unsubscribeUrl}>" };
        return new EmailMessage(to, $"{workspace.Name} digest: {period}", text.ToString(), html.ToString(), headers);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Name(SurveyMetric metric) => metric.ToString().ToUpperInvariant();

    private static string Format(SurveyMetric metric, double value) =>
        value.ToString(metric == SurveyMetric.Ces ? "0.0" : "0", CultureInfo.InvariantCulture);

    private static string Score(MetricScore score) => score.Score is { } v ? Format(score.Metric, v) : "too few answers";

    private static string Signed(double value) => (value >= 0 ? "+" : "") + value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Change(ScoreCard card) => card.Change switch
    {
        { Difference: { } d, IsSignificant: true } => $", {Signed(d)} vs the period before (significant)",
        { Difference: { } d } => $", {Signed(d)} vs the period before (not significant)",
        _ => "",
    };
}
