using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Surveys;

/// <summary>Creates surveys and finds a live one by its public link.</summary>
public sealed class SurveyService(TouchpointDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxQuestionLength = 500;

    /// <summary>A new survey: the standard one-question survey of <paramref name="Metric"/>, unless a checked <paramref name="Definition"/> is given.</summary>
    public sealed record NewSurvey(string Name, SurveyMetric Metric, string? Question, string? CommentPrompt, Guid? TouchPointId,
        SurveyDefinition? Definition = null);

    /// <summary>Checks a new survey; returns field errors keyed by the field's JSON name.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(NewSurvey survey, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(survey.Name))
        {
            errors["name"] = ["Give the survey a name."];
        }
        else if (survey.Name.Length > MaxNameLength)
        {
            errors["name"] = [$"Use at most {MaxNameLength} characters."];
        }

        if (survey.Question is { Length: > MaxQuestionLength })
        {
            errors["question"] = [$"Use at most {MaxQuestionLength} characters."];
        }

        if (survey.CommentPrompt is { Length: > MaxQuestionLength })
        {
            errors["commentPrompt"] = [$"Use at most {MaxQuestionLength} characters."];
        }

        if (survey.TouchPointId is { } touchPointId && !await db.TouchPoints.AnyAsync(t => t.Id == touchPointId, ct))
        {
            errors["touchPointId"] = ["No touch point with this id exists in this workspace."];
        }

        return errors;
    }

    public async Task<Survey> CreateAsync(NewSurvey input, string companyName, string actor, CancellationToken ct = default)
    {
        var definition = input.Definition ?? SurveyDefinition.Standard(input.Metric,
            string.IsNullOrWhiteSpace(input.Question) ? Survey.DefaultQuestion(input.Metric, companyName) : input.Question.Trim(),
            string.IsNullOrWhiteSpace(input.CommentPrompt) ? Survey.DefaultCommentPrompt : input.CommentPrompt.Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        var survey = new Survey
        {
            Name = input.Name.Trim(),
            Metric = definition.Headline?.Metric ?? input.Metric,
            Definition = definition.ToJson(),
            LinkId = SecretTokens.Create(9),
            TouchPointId = input.TouchPointId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Surveys.Add(survey);
        db.SurveyVersions.Add(new SurveyVersion
        {
            SurveyId = survey.Id,
            Number = survey.Version,
            Definition = survey.Definition,
            CreatedAt = now,
            CreatedBy = actor,
        });
        audit.Record(actor, "survey.created", $"survey:{survey.Id}", survey.Name);
        await db.SaveChangesAsync(ct);
        return survey;
    }

    /// <summary>
    /// Public links carry no workspace, so this is the one lookup of a survey across workspaces;
    /// the caller then enters the survey's workspace.
    /// </summary>
    public Task<Survey?> FindByLinkAsync(string linkId, CancellationToken ct = default) =>
        db.Surveys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.LinkId == linkId, ct);
}
