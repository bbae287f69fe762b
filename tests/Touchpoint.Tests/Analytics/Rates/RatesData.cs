using System.Text.Json;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Rates;

/// <summary>Surveys with rating questions, invitations in each state, and answers to them, written straight to the database.</summary>
public static class RatesData
{
    /// <summary>
    /// A CSAT survey ("score" is the headline) that also asks "stars" (1-5, titled as a customer's admin might: with markup),
    /// "grid" (a matrix: rows fast and friendly on disagree / neutral / agree) and "effort" (a second, CES question).
    /// </summary>
    public static Task<Guid> RatedSurveyAsync(this TestWorkspace workspace, string name = "Rated survey", string starsTitle = "<b>x</b>") =>
        workspace.QueryAsync(async db =>
        {
            static LocalizedText En(string text) => LocalizedText.Of("en", text);
            var definition = new SurveyDefinition
            {
                Pages =
                [
                    new SurveyPage
                    {
                        Id = "p1",
                        Questions =
                        [
                            new Question { Id = "score", Type = QuestionType.Csat, Title = En("How satisfied are you?") },
                            new Question { Id = "stars", Type = QuestionType.Rating, Title = En(starsTitle), ScaleMax = 5 },
                            new Question
                            {
                                Id = "grid",
                                Type = QuestionType.Matrix,
                                Title = En("How was the service?"),
                                Choices = [new Choice { Value = "disagree", Text = En("Disagree") }, new Choice { Value = "neutral", Text = En("Neutral") },
                                    new Choice { Value = "agree", Text = En("Agree") }],
                                Rows = [new Choice { Value = "fast", Text = En("Fast") }, new Choice { Value = "friendly", Text = En("Friendly") }],
                            },
                            new Question { Id = "effort", Type = QuestionType.Ces, Title = En("It was easy.") },
                            new Question { Id = "comment", Type = QuestionType.Text, Title = En("Why?") },
                        ],
                    },
                ],
            };
            var survey = new Survey
            {
                Name = name,
                Metric = SurveyMetric.Csat,
                Definition = definition.ToJson(),
                LinkId = Guid.NewGuid().ToString("N")[..12],
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.Surveys.Add(survey);
            await db.SaveChangesAsync();
            return survey.Id;
        });

    /// <summary>A completed (or partial) answer with these answers by question id; the headline score copied as submission does.</summary>
    public static Task<long> RatedAnswerAsync(this TestWorkspace workspace, Guid survey, DateTime at, object answers, Channel? channel = null,
        ResponseStatus status = ResponseStatus.Completed, Guid? invitation = null) =>
        workspace.QueryAsync(async db =>
        {
            var json = JsonSerializer.Serialize(answers);
            using var parsed = JsonDocument.Parse(json);
            var response = new Response
            {
                SurveyId = survey,
                Metric = SurveyMetric.Csat,
                Score = parsed.RootElement.TryGetProperty("score", out var score) ? score.GetInt32() : null,
                Answers = json,
                Status = status,
                Channel = channel,
                InvitationId = invitation,
                StartedAt = at,
                SubmittedAt = at,
                Notified = true,
            };
            db.Responses.Add(response);
            await db.SaveChangesAsync();
            return response.Id;
        });

    /// <summary>
    /// An invitation sent at <paramref name="sentAt"/>: opened or not, and answered (a completed response under it),
    /// half-way (a partial response under it) or not at all.
    /// </summary>
    public static Task<Guid> InvitationAsync(this TestWorkspace workspace, Guid survey, DateTime? sentAt, Channel? channel, bool opened = false,
        bool completed = false, bool partial = false, bool suppressed = false) =>
        workspace.QueryAsync(async db =>
        {
            var invitation = new SurveyInvitation
            {
                SurveyId = survey,
                Email = $"{Guid.NewGuid():N}@example.test",
                Token = Guid.NewGuid().ToString("N"),
                Status = suppressed ? InvitationStatus.Suppressed : completed ? InvitationStatus.Responded : InvitationStatus.Sent,
                SuppressedReason = suppressed ? "The customer unsubscribed from surveys." : null,
                ScheduledFor = sentAt ?? DateTime.UtcNow,
                SentAt = suppressed ? null : sentAt,
                OpenedAt = opened ? sentAt!.Value.AddMinutes(5) : null,
                RespondedAt = completed ? sentAt!.Value.AddMinutes(10) : null,
                Channel = channel,
                CreatedAt = sentAt ?? DateTime.UtcNow,
            };
            db.SurveyInvitations.Add(invitation);
            if (completed || partial)
            {
                db.Responses.Add(new Response
                {
                    SurveyId = survey,
                    Metric = SurveyMetric.Csat,
                    Score = completed ? 5 : null,
                    Status = completed ? ResponseStatus.Completed : ResponseStatus.InProgress,
                    InvitationId = invitation.Id,
                    Channel = channel,
                    StartedAt = sentAt!.Value.AddMinutes(6),
                    SubmittedAt = sentAt.Value.AddMinutes(10),
                    Notified = true,
                });
            }

            await db.SaveChangesAsync();
            return invitation.Id;
        });

    public static Task SetMinimumAnswersAsync(this TestWorkspace workspace, int minimum) =>
        workspace.QueryAsync(async db =>
        {
            var row = await db.Workspaces.FindAsync(workspace.Id);
            row!.MinimumAnswers = minimum;
            return await db.SaveChangesAsync();
        });
}
