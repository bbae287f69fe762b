using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// Alert rules of the current workspace: list (with the cases each opened lately), create, change,
/// enable or disable, delete, and preview what a rule would have matched. Every change is audited.
/// </summary>
public sealed class AlertRuleService(TouchpointDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int PreviewDays = 30;
    /// <summary>Preview reads at most this many of the latest items, so it answers fast on a busy workspace.</summary>
    public const int PreviewLimit = 5000;

    public sealed record Input(string? Name, bool Enabled, AlertTrigger Trigger, IReadOnlyList<AlertCondition> Conditions,
        CasePriority Priority, CaseAssignment Assignment, Guid? TeamId);

    public sealed record Listed(AlertRule Rule, int CasesOpened30Days);

    public async Task<List<Listed>> ListAsync(CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-PreviewDays);
        var rules = await db.AlertRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var counts = await db.Cases.AsNoTracking().Where(c => c.AlertRuleId != null && c.CreatedAt >= since)
            .GroupBy(c => c.AlertRuleId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return rules.Select(r => new Listed(r, counts.GetValueOrDefault(r.Id))).ToList();
    }

    public Task<AlertRule?> FindAsync(Guid id, CancellationToken ct = default) => db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>Checks the input against the workspace: the ids conditions and teams name must exist here.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(Input input, CancellationToken ct = default)
    {
        var errors = AlertConditions.Validate(input.Conditions, input.Trigger);
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors["name"] = ["Give the rule a name, e.g. \"Detractor follow-up\"."];
        }
        else if (input.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Keep the name under {MaxNameLength} characters."];
        }

        if (!Enum.IsDefined(input.Priority))
        {
            errors["priority"] = ["Write low, normal, high or urgent."];
        }

        if (!Enum.IsDefined(input.Assignment))
        {
            errors["assignment"] = ["Write unassigned, handlingAgent, touchPointTeam, team or roundRobin."];
        }
        else if (input.Assignment is CaseAssignment.Team or CaseAssignment.RoundRobin)
        {
            if (input.TeamId is not { } team)
            {
                errors["teamId"] = ["Choose the team whose queue (or members, in turn) get the cases."];
            }
            else if (!await db.Teams.AnyAsync(t => t.Id == team, ct))
            {
                errors["teamId"] = ["No team with this id exists in your workspace."];
            }
        }

        for (var i = 0; i < input.Conditions.Count && errors.Keys.All(k => !k.StartsWith("conditions", StringComparison.Ordinal)); i++)
        {
            if (await MissingAsync(input.Conditions[i], ct) is { } what)
            {
                errors[$"conditions[{i}].value"] = [$"No {what} with this id exists in your workspace."];
            }
        }

        return errors;
    }

    private async Task<string?> MissingAsync(AlertCondition c, CancellationToken ct)
    {
        if (!Guid.TryParse(c.Value, out var id))
        {
            return null;
        }

        return c.Kind switch
        {
            AlertConditionKinds.Segment => await db.Segments.AnyAsync(s => s.Id == id, ct) ? null : "segment",
            AlertConditionKinds.Persona => await db.Personas.AnyAsync(p => p.Id == id, ct) ? null : "persona",
            AlertConditionKinds.TouchPoint => await db.TouchPoints.AnyAsync(t => t.Id == id, ct) ? null : "touch point",
            AlertConditionKinds.Survey => await db.Surveys.AnyAsync(s => s.Id == id, ct) ? null : "survey",
            _ => null,
        };
    }

    /// <summary>Creates a rule from valid input (see <see cref="ValidateAsync"/>).</summary>
    public async Task<AlertRule> CreateAsync(Input input, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = new AlertRule { Name = input.Name!.Trim(), CreatedAt = now };
        Apply(rule, input, now);
        db.AlertRules.Add(rule);
        audit.Record(actor, "alert-rule.created", $"alert-rule:{rule.Id}", Summary(rule));
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public enum Change
    {
        Done,
        NotFound,
        Conflict,
    }

    /// <summary>Changes a rule; <paramref name="expectedVersion"/> (when given) refuses to overwrite someone else's change.</summary>
    public async Task<(Change Change, AlertRule? Rule)> UpdateAsync(Guid id, Input input, Guid? expectedVersion, string actor,
        CancellationToken ct = default)
    {
        var rule = await FindAsync(id, ct);
        if (rule is null)
        {
            return (Change.NotFound, null);
        }

        if (expectedVersion is { } version && version != rule.Version)
        {
            return (Change.Conflict, rule);
        }

        Apply(rule, input, clock.GetUtcNow().UtcDateTime);
        rule.Version = Guid.NewGuid();
        audit.Record(actor, "alert-rule.updated", $"alert-rule:{rule.Id}", Summary(rule));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (Change.Conflict, await db.AlertRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct));
        }

        return (Change.Done, rule);
    }

    /// <summary>Turns a rule on or off (the list's button); audited.</summary>
    public async Task<AlertRule?> SetEnabledAsync(Guid id, bool enabled, string actor, CancellationToken ct = default)
    {
        var rule = await FindAsync(id, ct);
        if (rule is null)
        {
            return null;
        }

        rule.Enabled = enabled;
        rule.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        rule.Version = Guid.NewGuid();
        audit.Record(actor, enabled ? "alert-rule.enabled" : "alert-rule.disabled", $"alert-rule:{rule.Id}", rule.Name);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    /// <summary>Deletes a rule; the cases it opened stay (they forget the rule).</summary>
    public async Task<bool> DeleteAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var rule = await FindAsync(id, ct);
        if (rule is null)
        {
            return false;
        }

        db.AlertRules.Remove(rule);
        audit.Record(actor, "alert-rule.deleted", $"alert-rule:{rule.Id}", rule.Name);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public sealed record Preview(int Matched, int Read, int Days, bool Capped);

    /// <summary>How many of the last 30 days' items the conditions would have matched (read, never fired).</summary>
    public async Task<Preview> PreviewAsync(AlertTrigger trigger, IReadOnlyList<AlertCondition> conditions, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-PreviewDays);
        var items = trigger switch
        {
            AlertTrigger.Response => await AlertFacts.OfResponsesAsync(db, await db.Responses.AsNoTracking()
                .Where(r => r.Status == ResponseStatus.Completed && r.SubmittedAt >= since)
                .OrderByDescending(r => r.SubmittedAt).Take(PreviewLimit).ToListAsync(ct), ct),
            AlertTrigger.Conversation => await AlertFacts.OfConversationsAsync(db, await db.Conversations.AsNoTracking()
                .Where(c => c.CreatedAt >= since && c.MergedIntoId == null)
                .OrderByDescending(c => c.CreatedAt).Take(PreviewLimit).ToListAsync(ct), now, ct),
            _ => await AlertFacts.OfEventsAsync(db, await db.Events.AsNoTracking()
                .Where(e => e.Name != null && e.ReceivedAt >= since)
                .OrderByDescending(e => e.ReceivedAt).Take(PreviewLimit).ToListAsync(ct), ct),
        };
        return new Preview(items.Count(i => AlertMatcher.Matches(conditions, i)), items.Count, PreviewDays, items.Count == PreviewLimit);
    }

    private static void Apply(AlertRule rule, Input input, DateTime now)
    {
        rule.Name = input.Name!.Trim();
        rule.Enabled = input.Enabled;
        rule.Trigger = input.Trigger;
        rule.Conditions = AlertConditions.Serialize(input.Conditions);
        rule.Priority = input.Priority;
        rule.Assignment = input.Assignment;
        rule.TeamId = input.Assignment is CaseAssignment.Team or CaseAssignment.RoundRobin ? input.TeamId : null;
        rule.UpdatedAt = now;
    }

    private static string Summary(AlertRule rule) => JsonSerializer.Serialize(new
    {
        rule.Name,
        rule.Enabled,
        Trigger = rule.Trigger.ToString(),
        rule.Conditions,
        Priority = rule.Priority.ToString(),
        Assignment = rule.Assignment.ToString(),
        rule.TeamId,
    });
}
