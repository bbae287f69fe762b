using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Dashboards;

/// <summary>Hand-made answers for one workspace, at chosen touch points, channels, agents and teams, written straight to its database.</summary>
public static partial class DashboardData
{
    public static Task<Guid> SurveyAsync(this TestWorkspace workspace, SurveyMetric metric = SurveyMetric.Nps) =>
        workspace.QueryAsync(async db =>
        {
            var survey = new Survey
            {
                Name = $"{metric} survey",
                Metric = metric,
                Definition = "{}",
                LinkId = Guid.NewGuid().ToString("N")[..12],
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.Surveys.Add(survey);
            await db.SaveChangesAsync();
            return survey.Id;
        });

    /// <summary>A touch point of the default journey by name, with its stage.</summary>
    public static Task<TouchPoint> TouchPointAsync(this TestWorkspace workspace, string name) =>
        workspace.QueryAsync(db => db.TouchPoints.AsNoTracking().SingleAsync(t => t.Name == name));

    public static Task<Guid> StageAsync(this TestWorkspace workspace, string name) =>
        workspace.QueryAsync(db => db.JourneyStages.AsNoTracking().Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    public static Task RenameTouchPointAsync(this TestWorkspace workspace, Guid id, string name) =>
        workspace.QueryAsync(async db =>
        {
            var point = await db.TouchPoints.SingleAsync(t => t.Id == id);
            point.Name = name;
            return await db.SaveChangesAsync();
        });

    /// <summary>Completed answers with these scores, all submitted at <paramref name="at"/>.</summary>
    public static Task AnswersAsync(this TestWorkspace workspace, Guid surveyId, SurveyMetric metric, DateTime at, int[] scores,
        Guid? touchPoint = null, Channel? channel = null, string? agent = null, Guid? conversation = null) =>
        workspace.QueryAsync(async db =>
        {
            foreach (var score in scores)
            {
                db.Responses.Add(new Response
                {
                    SurveyId = surveyId,
                    Metric = metric,
                    Score = score,
                    Status = ResponseStatus.Completed,
                    StartedAt = at,
                    SubmittedAt = at,
                    TouchPointId = touchPoint,
                    Channel = channel,
                    Agent = agent,
                    ConversationId = conversation,
                    Notified = true,
                });
            }

            return await db.SaveChangesAsync();
        });

    /// <summary>A team with these members, and one conversation in it that answers can follow.</summary>
    public static Task<(Guid Team, Guid Conversation)> TeamAsync(this TestWorkspace workspace, string name, params Guid[] members) =>
        workspace.QueryAsync(async db =>
        {
            var team = new Team { Name = name, CreatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            db.TeamMembers.AddRange(members.Select(m => new TeamMember { TeamId = team.Id, UserId = m }));
            var inbox = new Inbox { Name = $"{name} inbox", WidgetKey = Guid.NewGuid().ToString("N"), IdentitySecret = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow };
            db.Inboxes.Add(inbox);
            var conversation = new Conversation
            {
                InboxId = inbox.Id,
                TeamId = team.Id,
                ReplyToken = Guid.NewGuid().ToString("N")[..20],
                CreatedAt = DateTime.UtcNow,
                LastMessageAt = DateTime.UtcNow,
            };
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync();
            return (team.Id, conversation.Id);
        });

    public static DateTime Utc(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    /// <summary>The href of the first link carrying <paramref name="testId"/>, decoded as the browser would follow it.</summary>
    public static string LinkOf(string html, string testId)
    {
        var match = Regex.Match(html, $"<a href=\"(?<href>[^\"]+)\"[^>]*data-testid=\"{Regex.Escape(testId)}\"");
        Assert.True(match.Success, $"No link with data-testid={testId} on the page.");
        return WebUtility.HtmlDecode(match.Groups["href"].Value);
    }

    /// <summary>The text of the element carrying <paramref name="testId"/>.</summary>
    public static string TextOf(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>(?<text>.*?)</", RegexOptions.Singleline);
        Assert.True(match.Success, $"No element with data-testid={testId} on the page.");
        return PageSession.Text(match.Groups["text"].Value);
    }

    /// <summary>The text of the paragraph carrying <paramref name="testId"/>, inner markup included.</summary>
    public static string ParagraphOf(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No element with data-testid={testId} on the page.");
        var end = html.IndexOf("</p>", start, StringComparison.Ordinal);
        return PageSession.Text(html[(html.IndexOf('>', start) + 1)..end]);
    }

    /// <summary>How many responses the Responses page says match (the drill-down's count).</summary>
    public static async Task<int> DrillCountAsync(PageSession session, string href)
    {
        var (response, html) = await session.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(TextOf(html, "responses-total").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every href on the page, decoded.</summary>
    public static IReadOnlyList<string> Links(string html) =>
        HrefPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).ToList();

    [GeneratedRegex("href=\"(?<href>[^\"]+)\"")]
    private static partial Regex HrefPattern();
}
