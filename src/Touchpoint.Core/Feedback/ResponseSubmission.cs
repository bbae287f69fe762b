using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Checks and stores one answer to a survey, from the public page or the REST API. Answers are the
/// high-volume write, so they go through the group-commit writer and return once committed.
/// </summary>
public sealed class ResponseSubmission(TouchpointDbContext db, GroupCommitWriter writer, TimeProvider clock)
{
    public const int MaxCommentLength = 4000;

    public sealed record Answer(int? Score, string? Comment, Guid? CustomerId = null, string? CustomerExternalId = null,
        Channel? Channel = null, DateTime? SubmittedAt = null);

    public sealed record Result(Response? Response, Dictionary<string, string[]> Errors)
    {
        public bool Succeeded => Response is not null;
    }

    /// <summary>Validates against the survey's scale and saves. The survey must be in the current workspace.</summary>
    public async Task<Result> SubmitAsync(Survey survey, Answer answer, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var scale = RatingScale.For(survey.Metric);
        if (survey.Status != SurveyStatus.Live)
        {
            errors["survey"] = ["This survey is closed and no longer takes answers."];
        }

        if (answer.Score is null)
        {
            errors["score"] = [$"Choose a score from {scale.Min} to {scale.Max}."];
        }
        else if (!scale.Contains(answer.Score.Value))
        {
            errors["score"] = [$"The score must be a whole number from {scale.Min} to {scale.Max}."];
        }

        if (answer.Comment is { Length: > MaxCommentLength })
        {
            errors["comment"] = [$"Keep the comment under {MaxCommentLength} characters."];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (answer.SubmittedAt is { } at && at.ToUniversalTime() > now.AddMinutes(5))
        {
            errors["submittedAt"] = ["The time an answer was given cannot be in the future."];
        }

        var customerId = await ResolveCustomerAsync(answer, errors, ct);
        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        var comment = string.IsNullOrWhiteSpace(answer.Comment) ? null : answer.Comment.Trim();
        var submittedAt = answer.SubmittedAt?.ToUniversalTime() ?? now;
        var answers = new System.Text.Json.Nodes.JsonObject { ["score"] = answer.Score!.Value };
        if (comment is not null)
        {
            answers["comment"] = comment;
        }

        var response = new Response
        {
            WorkspaceId = survey.WorkspaceId,
            SurveyId = survey.Id,
            Version = survey.Version,
            Status = ResponseStatus.Completed,
            Metric = survey.Metric,
            Score = answer.Score!.Value,
            Comment = comment,
            Answers = answers.ToJsonString(),
            CustomerId = customerId,
            TouchPointId = survey.TouchPointId,
            Channel = answer.Channel,
            StartedAt = submittedAt,
            SubmittedAt = submittedAt,
        };
        await writer.WriteAsync(response, ct);
        return new Result(response, errors);
    }

    private async Task<Guid?> ResolveCustomerAsync(Answer answer, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (answer.CustomerId is { } id)
        {
            if (await db.Customers.AnyAsync(c => c.Id == id, ct))
            {
                return id;
            }

            errors["customerId"] = ["No customer with this id exists in this workspace."];
            return null;
        }

        if (!string.IsNullOrWhiteSpace(answer.CustomerExternalId))
        {
            var found = await db.Customers.Where(c => c.ExternalId == answer.CustomerExternalId)
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
