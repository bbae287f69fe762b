using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Feedback;

/// <summary>Surveys with richer definitions than the create API makes, saved as a new version the way the builder saves one.</summary>
public static class SurveyDefinitions
{
    /// <summary>
    /// Two paths after an NPS page: detractors (0-6) go to "what went wrong" and finish; the others go
    /// to a page with multiple choice, a matrix, a ranking and a comment. English and German.
    /// </summary>
    public const string Branching = """
    {
      "defaultLanguage": "en",
      "languages": ["en", "de"],
      "theme": { "primaryColor": "#aa3300", "logoUrl": "https://cdn.example.test/logo.png" },
      "thankYou": { "en": "Thanks, we will fix it.", "de": "Danke, wir kümmern uns." },
      "pages": [
        { "id": "p1",
          "questions": [
            { "id": "nps", "type": "nps", "required": true,
              "title": { "en": "Hi {customer.firstName}, how likely are you to recommend {touchPoint}?", "de": "Wie wahrscheinlich empfehlen Sie uns?" } },
            { "id": "plan", "type": "hidden" }
          ],
          "branches": [ { "if": { "question": "nps", "op": "lte", "value": 6 }, "goTo": "sorry" } ]
        },
        { "id": "great", "title": "Glad to hear it",
          "questions": [
            { "id": "liked", "type": "multiple", "title": "What did you like?",
              "choices": [ { "value": "speed", "text": "Speed" }, { "value": "price", "text": "Price" }, { "value": "staff", "text": "Staff" } ] },
            { "id": "grid", "type": "matrix", "title": "Rate each", "required": true,
              "rows": [ { "value": "app", "text": "The app" }, { "value": "shop", "text": "The shop" } ],
              "choices": [ { "value": "bad", "text": "Bad" }, { "value": "ok", "text": "OK" }, { "value": "good", "text": "Good" } ] },
            { "id": "order", "type": "ranking", "title": "Rank these",
              "choices": [ { "value": "a", "text": "Alpha" }, { "value": "b", "text": "Beta" }, { "value": "c", "text": "Gamma" } ] },
            { "id": "comment", "type": "text", "title": "You gave {answer.nps} ({hidden.plan}). Anything else?" }
          ],
          "branches": [ { "if": { "question": "nps", "op": "gte", "value": 0 }, "goTo": "end" } ]
        },
        { "id": "sorry", "title": "Sorry to hear that",
          "questions": [
            { "id": "why", "type": "single", "title": { "en": "What went wrong?", "de": "Was lief schief?" }, "required": true,
              "choices": [ { "value": "price", "text": "Price" }, { "value": "service", "text": "Service" }, { "value": "other", "text": "Something else" } ] },
            { "id": "whyOther", "type": "text", "title": "What else went wrong?", "required": true,
              "displayIf": { "question": "why", "op": "eq", "value": "other" } },
            { "id": "fix", "type": "text", "title": "What should we fix first?" }
          ]
        }
      ]
    }
    """;

    /// <summary>Saves <paramref name="json"/> as the survey's next version; returns the version number.</summary>
    public static Task<int> UseAsync(TestWorkspace workspace, Guid surveyId, string json, bool anonymous = false) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var survey = await db.Surveys.SingleAsync(s => s.Id == surveyId);
            var definition = SurveyDefinition.FromJson(json);
            survey.Definition = definition.ToJson();
            survey.Version++;
            survey.Anonymous = anonymous;
            db.SurveyVersions.Add(new SurveyVersion
            {
                WorkspaceId = workspace.Id,
                SurveyId = surveyId,
                Number = survey.Version,
                Definition = survey.Definition,
                CreatedAt = DateTime.UtcNow,
                CreatedBy = "test",
            });
            await db.SaveChangesAsync();
            return survey.Version;
        });

    /// <summary>An invitation to the survey, as the distribution slice creates one; returns its token.</summary>
    public static Task<SurveyInvitation> InviteAsync(TestWorkspace workspace, Guid surveyId, Guid? customerId = null, string? hidden = null,
        string? agent = null, string? orderId = null, string? language = null) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var invitation = new SurveyInvitation
            {
                SurveyId = surveyId,
                CustomerId = customerId,
                Email = "someone@example.test",
                Token = Core.Platform.SecretTokens.Create(),
                Source = InvitationSource.Trigger,
                Status = InvitationStatus.Sent,
                Channel = Core.Journeys.Channel.Email,
                Agent = agent,
                OrderId = orderId,
                Language = language,
                Hidden = hidden,
                ScheduledFor = DateTime.UtcNow,
                SentAt = DateTime.UtcNow,
                CreatedAt = DateTime.UtcNow,
            };
            db.SurveyInvitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation;
        });

    public static Task<List<Core.Feedback.Response>> ResponsesAsync(TestWorkspace workspace, Guid surveyId) =>
        workspace.QueryAsync(db => db.Responses.AsNoTracking().Where(r => r.SurveyId == surveyId).OrderBy(r => r.Id).ToListAsync());
}
