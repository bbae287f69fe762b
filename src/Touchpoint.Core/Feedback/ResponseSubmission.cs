using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Core.Text.Ingest;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Checks and stores a complete response sent server-side (REST API). Answers are the high-volume
/// write, so they go through the group-commit writer and return once committed.
/// </summary>
public sealed class ResponseSubmission(TouchpointDbContext db, GroupCommitWriter writer, WebhookSubscriptions subscriptions,
    TimeProvider clock, TextIngest text)
{
    public const int MaxCommentLength = AnswerValidator.MaxTextLength;
    public const int MaxReferenceLength = 200;

    public sealed record Submission(JsonObject Answers, Guid? CustomerId = null, string? CustomerExternalId = null,
        string? InvitationToken = null, Channel? Channel = null, Guid? TouchPointId = null, string? Agent = null,
        string? OrderId = null, Guid? ConversationId = null, string? Language = null, DateTime? SubmittedAt = null);

    /// <summary>Errors are keyed by the body's field names (<c>answers.{questionId}</c> for answers).</summary>
    public sealed record Result(Response? Response, Dictionary<string, string[]> Errors, bool AlreadyAnswered = false)
    {
        public bool Succeeded => Response is not null;

        /// <summary>The analyses of the response's free-text answers, saved with it.</summary>
        public IReadOnlyList<AnalyzedText> Analyses { get; init; } = [];
    }

    /// <summary>Validates against the survey's current definition and saves. The survey must be in the current workspace.</summary>
    public Task<Result> SubmitAsync(Survey survey, Submission submission, CancellationToken ct = default) =>
        SubmitAsync(survey, survey.ReadDefinition(), submission, ct);

    /// <summary>As above, with the survey's definition already parsed (the survey and definition are only read).</summary>
    public async Task<Result> SubmitAsync(Survey survey, SurveyDefinition definition, Submission submission, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (survey.Status != SurveyStatus.Live)
        {
            errors["survey"] = ["This survey is closed and no longer takes answers."];
        }

        var answers = submission.Answers;
        ResponseCompletion.Tidy(definition, answers);
        foreach (var (id, message) in AnswerValidator.ValidateComplete(definition, answers))
        {
            errors[$"answers.{id}"] = [message];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (submission.SubmittedAt is { } at && at.ToUniversalTime() > now.AddMinutes(5))
        {
            errors["submittedAt"] = ["The time an answer was given cannot be in the future."];
        }

        if (submission.Language is { } language && !definition.Languages.Contains(language, StringComparer.OrdinalIgnoreCase))
        {
            errors["language"] = [$"Use one of the survey's languages: {string.Join(", ", definition.Languages)}."];
        }

        CheckLength(errors, "agent", submission.Agent);
        CheckLength(errors, "orderId", submission.OrderId);
        var invitation = await FindInvitationAsync(survey, submission.InvitationToken, errors, ct);
        if (invitation is { Status: InvitationStatus.Responded })
        {
            // A replay: whatever it says, the invitation's one response is already stored.
            return new Result(null, errors, AlreadyAnswered: true);
        }

        var customerId = await ResolveCustomerAsync(submission, errors, ct) ?? invitation?.CustomerId;
        var touchPointId = submission.TouchPointId ?? invitation?.TouchPointId ?? survey.TouchPointId;
        var stageId = touchPointId is { } tp
            ? await db.TouchPoints.Where(t => t.Id == tp).Select(t => (Guid?)t.StageId).FirstOrDefaultAsync(ct)
            : null;
        if (submission.TouchPointId is not null && stageId is null)
        {
            errors["touchPointId"] = ["No touch point with this id exists in this workspace."];
        }

        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        var submittedAt = submission.SubmittedAt?.ToUniversalTime() ?? now;
        var response = new Response
        {
            WorkspaceId = survey.WorkspaceId,
            SurveyId = survey.Id,
            Version = survey.Version,
            Metric = survey.Metric,
            CustomerId = survey.Anonymous ? null : customerId,
            InvitationId = survey.Anonymous ? null : invitation?.Id,
            TouchPointId = touchPointId,
            JourneyStageId = stageId,
            Channel = submission.Channel ?? invitation?.Channel,
            Agent = submission.Agent ?? invitation?.Agent,
            OrderId = submission.OrderId ?? invitation?.OrderId,
            ConversationId = submission.ConversationId ?? invitation?.ConversationId,
            Language = submission.Language ?? invitation?.Language ?? definition.DefaultLanguage,
            StartedAt = submittedAt,
        };
        ResponseCompletion.Complete(response, definition, answers, submittedAt);
        if (response.CustomerId is { } customer)
        {
            response.Snapshot = await ResponseSnapshot.TakeAsync(db, customer, ct);
        }

        if (invitation is not null && !await InvitationClaim.ClaimAsync(db, invitation.Id, now, ct))
        {
            return new Result(null, errors, AlreadyAnswered: true);
        }

        // Analysed here, on the request's thread: the writer only inserts the rows, in the response's save.
        var analyses = await text.AnalyzeResponseAsync(response, definition, ct);
        await subscriptions.LearnAsync(db, ct);
        try
        {
            await writer.WriteAsync(response, analyses, ct);
        }
        catch (DbUpdateException) when (invitation is not null)
        {
            // The invitation already has a response (one begun on the survey page): it keeps that one.
            await InvitationClaim.ReleaseAsync(db, invitation, ct);
            return new Result(null, errors, AlreadyAnswered: true);
        }

        if (invitation is not null && response.InvitationId is not null)
        {
            await InvitationClaim.LinkAsync(db, invitation.Id, response.Id, ct);
        }

        return new Result(response, errors) { Analyses = analyses };
    }

    private async Task<SurveyInvitation?> FindInvitationAsync(Survey survey, string? token, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var invitation = await db.SurveyInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.Token == token && i.SurveyId == survey.Id, ct);
        if (invitation is null)
        {
            errors["invitationToken"] = ["No invitation to this survey has this token."];
        }

        return invitation;
    }

    private static void CheckLength(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is { Length: > MaxReferenceLength })
        {
            errors[field] = [$"Use at most {MaxReferenceLength} characters."];
        }
    }

    private async Task<Guid?> ResolveCustomerAsync(Submission submission, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (submission.CustomerId is { } id)
        {
            if (await db.Customers.AnyAsync(c => c.Id == id, ct))
            {
                return id;
            }

            errors["customerId"] = ["No customer with this id exists in this workspace."];
            return null;
        }

        if (!string.IsNullOrWhiteSpace(submission.CustomerExternalId))
        {
            var found = await db.Customers.Where(c => c.ExternalId == submission.CustomerExternalId)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (found is null)
            {
                errors["customerExternalId"] = ["No customer with this external id exists in this workspace."];
            }

            return found;
        }

        return null;
    }
}
