using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations.AfterChat;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// Status, priority, snooze, assignment and team changes an agent (or the API) makes to a
/// conversation. Each committed change leaves a system message in the thread ("Resolved by Ana",
/// "Ana assigned this to Ben") so the history is visible to agents (an internal note: the customer
/// does not see who was assigned), and is pushed to agents' inbox pages.
/// </summary>
public sealed class ConversationChanges(TouchpointDbContext db, ConversationLog log, IConversationFeed feed, ResolutionFollowUp followUp,
    TimeProvider clock)
{
    /// <summary>What to change; a field left null (or a Set flag left false) stays as it is.</summary>
    public sealed record Change(ConversationStatus? Status = null, Priority? Priority = null, DateTime? SnoozedUntil = null,
        bool SetAssignee = false, Guid? AssigneeId = null, bool SetTeam = false, Guid? TeamId = null);

    public enum Outcome
    {
        Applied,
        NotFound,
        Invalid,
        StaleVersion,
    }

    public sealed record Result(Outcome Outcome, Conversation? Conversation = null, Dictionary<string, string[]>? Errors = null);

    /// <summary>
    /// Applies <paramref name="change"/> if <paramref name="expectedVersion"/> (the If-Match value) is
    /// null or still current; two agents acting at once cannot overwrite each other silently.
    /// </summary>
    public async Task<Result> ApplyAsync(Guid conversationId, Change change, Guid? expectedVersion, string actorName,
        CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
        {
            return new Result(Outcome.NotFound);
        }

        if (expectedVersion is { } expected && expected != conversation.Version)
        {
            return new Result(Outcome.StaleVersion, conversation);
        }

        var errors = await ValidateAsync(conversation, change, ct);
        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, conversation, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (oldStatus, oldAssignee, oldTeam, oldPriority) = (conversation.Status, conversation.AssigneeId, conversation.TeamId, conversation.Priority);
        if (change.Status is { } status)
        {
            SetStatus(conversation, status, change.SnoozedUntil, now);
        }

        if (change.Priority is { } priority)
        {
            conversation.Priority = priority;
        }

        if (change.SetAssignee && change.AssigneeId != oldAssignee)
        {
            await SetAssigneeAsync(conversation, change.AssigneeId, ct);
        }

        if (change.SetTeam)
        {
            conversation.TeamId = change.TeamId;
        }

        conversation.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed it between our read and our write: the caller re-reads and decides.
            return new Result(Outcome.StaleVersion, conversation);
        }

        // The log re-reads the conversation to number the notes: it must not see our tracked copy.
        db.ChangeTracker.Clear();
        var notes = new List<string>();
        if (conversation.AssigneeId != oldAssignee)
        {
            notes.Add(await AssignmentNoteAsync(oldAssignee, conversation.AssigneeId, actorName, ct));
        }

        if (conversation.Status != oldStatus)
        {
            notes.Add(conversation.Status switch
            {
                ConversationStatus.Resolved => $"Resolved by {actorName}",
                ConversationStatus.Snoozed => $"{actorName} snoozed this until {conversation.SnoozedUntil:yyyy-MM-dd HH:mm} UTC",
                ConversationStatus.Pending => $"{actorName} marked this pending",
                _ => $"Reopened by {actorName}",
            });
        }

        if (conversation.Priority != oldPriority)
        {
            notes.Add($"{actorName} set the priority to {conversation.Priority.ToString().ToLowerInvariant()}");
        }

        if (conversation.TeamId != oldTeam)
        {
            notes.Add(conversation.TeamId is { } team
                ? $"{actorName} transferred this to team {await TeamNameAsync(team, ct)}" + (oldTeam is { } from ? $" (from {await TeamNameAsync(from, ct)})" : "")
                : $"{actorName} removed the team");
        }

        foreach (var note in notes)
        {
            db.ChangeTracker.Clear();
            await log.AppendAsync(conversation.Id, new ConversationLog.NewMessage(MessageAuthor.System, note, Private: true), ct);
        }

        var saved = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversationId, ct);
        feed.ConversationChanged(saved);
        if (saved.Status == ConversationStatus.Resolved && oldStatus != ConversationStatus.Resolved)
        {
            // The rating question in the chat and the follow-up survey, whoever resolved it.
            await followUp.OnResolvedAsync(saved.Id, ct);
        }

        return new Result(Outcome.Applied, saved);
    }

    /// <summary>Sets the assignee (tracked entity); records the first assignment and the agent as involved.</summary>
    public async Task SetAssigneeAsync(Conversation conversation, Guid? userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        conversation.AssigneeId = userId;
        conversation.Version = Guid.NewGuid();
        if (userId is not { } agent)
        {
            return;
        }

        conversation.FirstAssignedAt ??= now;
        if (!await db.ConversationAgents.AnyAsync(a => a.ConversationId == conversation.Id && a.UserId == agent, ct)
            && !db.ConversationAgents.Local.Any(a => a.ConversationId == conversation.Id && a.UserId == agent))
        {
            db.ConversationAgents.Add(new ConversationAgent
            {
                WorkspaceId = conversation.WorkspaceId,
                ConversationId = conversation.Id,
                UserId = agent,
                JoinedAt = now,
            });
        }
    }

    /// <summary>After an automatic assignment is committed: the system message and the push to agents.</summary>
    public async Task AfterAssignedAsync(Guid conversationId, Guid? from, Guid? to, string? actorName, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var note = actorName is null && to is { } agent
            ? $"Assigned to {await UserNameAsync(agent, ct)} automatically"
            : await AssignmentNoteAsync(from, to, actorName ?? "Touchpoint", ct);
        await log.AppendAsync(conversationId, new ConversationLog.NewMessage(MessageAuthor.System, note, Private: true), ct);
        feed.ConversationChanged(await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversationId, ct));
    }

    public static void SetStatus(Conversation conversation, ConversationStatus status, DateTime? snoozedUntil, DateTime now)
    {
        conversation.Status = status;
        conversation.SnoozedUntil = status == ConversationStatus.Snoozed ? snoozedUntil : null;
        if (status == ConversationStatus.Resolved)
        {
            // Reopened and resolved again: the time to the last resolution.
            conversation.ResolvedAt = now;
            conversation.ResolutionSeconds = (int)Math.Max(0, Math.Round((now - conversation.CreatedAt).TotalSeconds));
        }
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(Conversation conversation, Change change, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (conversation.MergedIntoId is not null)
        {
            errors["id"] = ["This conversation was merged into another one and can no longer change; open that one instead."];
        }

        if (change.Status == ConversationStatus.Snoozed && (change.SnoozedUntil is not { } until || until <= clock.GetUtcNow().UtcDateTime))
        {
            errors["snoozedUntil"] = ["To snooze, send 'snoozedUntil' as an instant in the future (ISO 8601, e.g. 2026-11-23T09:00:00Z)."];
        }
        else if (change.SnoozedUntil is not null && change.Status != ConversationStatus.Snoozed)
        {
            errors["snoozedUntil"] = ["'snoozedUntil' only applies with status 'snoozed'."];
        }

        if (change.SetAssignee && change.AssigneeId is { } user && !await db.Memberships.AnyAsync(m => m.UserId == user, ct))
        {
            errors["assigneeId"] = ["No member of this workspace has this id; see GET /api/v1/agents."];
        }

        if (change.SetTeam && change.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct))
        {
            errors["teamId"] = ["No team with this id exists in your workspace; see GET /api/v1/teams."];
        }

        return errors;
    }

    private async Task<string> AssignmentNoteAsync(Guid? from, Guid? to, string actorName, CancellationToken ct) => (from, to) switch
    {
        (null, { } agent) => $"{actorName} assigned this to {await UserNameAsync(agent, ct)}",
        ({ } previous, { } agent) => $"{actorName} transferred this from {await UserNameAsync(previous, ct)} to {await UserNameAsync(agent, ct)}",
        ({ } previous, null) => $"{actorName} unassigned {await UserNameAsync(previous, ct)}",
        _ => $"{actorName} left this unassigned",
    };

    public async Task<string> UserNameAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct);
        return user is null ? "a former member" : string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "a member" : user.DisplayName;
    }

    private async Task<string> TeamNameAsync(Guid teamId, CancellationToken ct) =>
        await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "(deleted)";
}
