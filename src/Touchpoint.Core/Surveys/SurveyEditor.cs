using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Surveys;

/// <summary>
/// Saves a survey's name, settings and definition. A changed definition becomes a new
/// <see cref="SurveyVersion"/>; saving the same definition again (only settings changed) does not,
/// so responses only ever point at versions that differ.
/// </summary>
public sealed class SurveyEditor(TouchpointDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxQuarantineDays = 365;
    public const int MaxReminderAfterDays = 60;

    /// <summary>Everything the builder saves. <see cref="Definition"/> null keeps the current one.</summary>
    public sealed record SurveyChanges(string Name, SurveyDefinition? Definition, bool Anonymous, int? QuarantineDays,
        int? ReminderAfterDays, SurveyStatus Status, Guid? TouchPointId);

    /// <summary><see cref="Survey"/> null with no errors: no such survey. <see cref="Conflict"/>: someone else saved a version at the same moment.</summary>
    public sealed record SaveOutcome(Survey? Survey, Dictionary<string, string[]> Errors, bool NewVersion = false, bool Conflict = false);

    public async Task<SaveOutcome> SaveAsync(Guid id, SurveyChanges changes, string actor, CancellationToken ct = default)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return new SaveOutcome(null, []);
        }

        var errors = await ValidateSettingsAsync(changes, ct);
        if (changes.Definition is { } definition)
        {
            foreach (var (path, messages) in DefinitionValidator.Validate(definition))
            {
                errors[path] = messages;
            }
        }

        if (errors.Count > 0)
        {
            return new SaveOutcome(survey, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var newVersion = false;
        if (changes.Definition is { } changed)
        {
            var json = changed.ToJson();
            // Compare normalised JSON: the stored text may have been written with other spacing or key order.
            if (json != survey.ReadDefinition().ToJson())
            {
                newVersion = true;
                survey.Definition = json;
                survey.Version++;
                survey.Metric = changed.Headline!.Metric!.Value;
                db.SurveyVersions.Add(new SurveyVersion
                {
                    SurveyId = survey.Id,
                    Number = survey.Version,
                    Definition = json,
                    CreatedAt = now,
                    CreatedBy = actor,
                });
            }
        }

        survey.Name = changes.Name.Trim();
        survey.Anonymous = changes.Anonymous;
        survey.QuarantineDays = changes.QuarantineDays is 0 ? null : changes.QuarantineDays;
        survey.ReminderAfterDays = changes.ReminderAfterDays;
        survey.Status = changes.Status;
        survey.TouchPointId = changes.TouchPointId;
        survey.UpdatedAt = now;
        audit.Record(actor, "survey.updated", $"survey:{survey.Id}", newVersion ? $"version {survey.Version}" : "settings");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (newVersion)
        {
            // The unique (survey, number) index refused a version another save created first.
            return new SaveOutcome(survey, new() { ["definition"] = ["Someone saved this survey at the same time. Reload it and make your change again."] },
                Conflict: true);
        }

        return new SaveOutcome(survey, [], newVersion);
    }

    private async Task<Dictionary<string, string[]>> ValidateSettingsAsync(SurveyChanges changes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(changes.Name))
        {
            errors["name"] = ["Give the survey a name."];
        }
        else if (changes.Name.Length > SurveyService.MaxNameLength)
        {
            errors["name"] = [$"Use at most {SurveyService.MaxNameLength} characters."];
        }

        if (changes.QuarantineDays is < 0 or > MaxQuarantineDays)
        {
            errors["quarantineDays"] = [$"Use 0 to {MaxQuarantineDays} days, or leave it empty to use the workspace's rule alone."];
        }

        if (changes.ReminderAfterDays is < 1 or > MaxReminderAfterDays)
        {
            errors["reminderAfterDays"] = [$"Use 1 to {MaxReminderAfterDays} days, or leave it empty to send no reminder."];
        }

        if (changes.TouchPointId is { } touchPointId && !await db.TouchPoints.AnyAsync(t => t.Id == touchPointId, ct))
        {
            errors["touchPointId"] = ["No touch point with this id exists in this workspace."];
        }

        return errors;
    }
}
