using System.Globalization;
using System.Net;
using System.Text;
using Touchpoint.Core.Email;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// The invitation and reminder emails: a greeting, the survey's first scale question with one link
/// per score (a click opens the survey with that score chosen; it is recorded only when the
/// respondent sends the page, so mail scanners that open every link record nothing), a link to the
/// whole survey, and an unsubscribe link. Names and texts are HTML-encoded in the HTML part.
/// </summary>
public static class InvitationEmail
{
    public sealed record Content(
        string To, string? CustomerName, string Company, string? Agent, string? TouchPoint,
        IReadOnlyDictionary<string, string> Hidden, string? Language, bool Reminder);

    public static EmailMessage Build(Survey survey, SurveyDefinition definition, SurveyInvitation invitation, Content content, SurveyLinks links)
    {
        var language = content.Language ?? definition.DefaultLanguage;
        var first = FirstName(content.CustomerName);
        string? Pipe(string key) => key switch
        {
            "customer.name" => content.CustomerName,
            "customer.firstName" => first,
            "agent" => content.Agent,
            "touchPoint" => content.TouchPoint,
            _ when key.StartsWith("hidden.", StringComparison.Ordinal) => content.Hidden.GetValueOrDefault(key["hidden.".Length..]),
            _ => null,
        };

        var question = definition.Headline ?? definition.Questions.FirstOrDefault(q => q.Type == QuestionType.Rating);
        var questionText = question is null ? null : Piping.Fill(question.Title.In(language, definition.DefaultLanguage), Pipe);
        var greeting = first is null ? "Hello," : $"Hello {first},";
        var intro = content.Reminder
            ? $"A few days ago {content.Company} asked for your feedback. It takes a minute, and it helps."
            : $"{content.Company} would like to hear how it went. It takes a minute.";
        var surveyLink = links.Survey(survey.LinkId, invitation.Token);
        var unsubscribe = links.Unsubscribe(invitation.Token);
        var scores = question?.Scale is { } scale
            ? Enumerable.Range(scale.Min, scale.Max - scale.Min + 1).Select(n => (Score: n, Link: links.Score(survey.LinkId, invitation.Token, n))).ToList()
            : [];

        var text = new StringBuilder();
        text.AppendLine(greeting).AppendLine().AppendLine(intro).AppendLine();
        if (questionText is not null && scores.Count > 0)
        {
            text.AppendLine(questionText);
            foreach (var (score, link) in scores)
            {
                text.Append(score.ToString(CultureInfo.InvariantCulture)).Append(": ").AppendLine(link);
            }

            text.AppendLine();
        }

        text.AppendLine("Answer the survey:").AppendLine(surveyLink).AppendLine()
            .AppendLine("Do not want survey emails from us? Unsubscribe:").AppendLine(unsubscribe);

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(Html(language)).Append("\"><body style=\"font-family:sans-serif;color:#1f2933\">");
        html.Append("<p>").Append(Html(greeting)).Append("</p><p>").Append(Html(intro)).Append("</p>");
        if (questionText is not null && scores.Count > 0)
        {
            html.Append("<p><strong>").Append(Html(questionText)).Append("</strong></p><table role=\"presentation\"><tr>");
            foreach (var (score, link) in scores)
            {
                html.Append("<td style=\"padding:2px\"><a data-score=\"").Append(score.ToString(CultureInfo.InvariantCulture))
                    .Append("\" href=\"").Append(Html(link))
                    .Append("\" style=\"display:inline-block;min-width:28px;padding:8px 4px;text-align:center;border:1px solid #9aa5b1;border-radius:4px;text-decoration:none;color:#1f2933\">")
                    .Append(score.ToString(CultureInfo.InvariantCulture)).Append("</a></td>");
            }

            html.Append("</tr></table>");
        }

        html.Append("<p><a href=\"").Append(Html(surveyLink)).Append("\">Answer the survey</a></p>");
        html.Append("<p style=\"font-size:12px;color:#52606d\">Do not want survey emails from us? <a href=\"")
            .Append(Html(unsubscribe)).Append("\">Unsubscribe</a></p></body></html>");

        var subject = content.Reminder ? $"Reminder: how did we do? ({content.Company})" : $"How did we do? ({content.Company})";
        return new EmailMessage(content.To, subject, text.ToString(), html.ToString());
    }

    private static string? FirstName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    private static string Html(string value) => WebUtility.HtmlEncode(value);
}
