using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// Opening a case by hand or through the API: checks that everything it points at exists in this
/// workspace (naming the field that does not), takes the customer from the feedback when none is
/// named, opens it through <see cref="CaseOpener"/>, audits it and tells the owner.
/// </summary>
public sealed class CaseCreation(TouchpointDbContext db, CaseOpener opener, AuditLog audit, Notifier notifier, CaseWork work)
{
    public sealed record Input(string? Title, string? Description = null, CasePriority? Priority = null, Guid? CustomerId = null,
        long? ResponseId = null, Guid? ConversationId = null, Guid? OwnerId = null, Guid? TeamId = null, Guid? TouchPointId = null);

    public CaseWork Work => work;

    /// <returns>The opened case, or null with <paramref name="errors"/> saying what to fix.</returns>
    public async Task<Case?> OpenAsync(Input input, CaseSource source, CaseActor actor, Dictionary<string, string[]> errors, CancellationToken ct = default)
    {
        CaseWork.Title(input.Title, errors);
        if (input.Description?.Length > CaseLimits.MaxTextLength)
        {
            errors["description"] = [$"Keep the description to {CaseLimits.MaxTextLength:N0} characters."];
        }

        var customerId = input.CustomerId;
        if (customerId is { } customer && !await db.Customers.AnyAsync(c => c.Id == customer, ct))
        {
            errors["customerId"] = ["No customer with this id exists in your workspace."];
        }

        var touchPointId = input.TouchPointId;
        if (input.ResponseId is { } responseId)
        {
            var response = await db.Responses.AsNoTracking().Where(r => r.Id == responseId)
                .Select(r => new { r.CustomerId, r.TouchPointId }).FirstOrDefaultAsync(ct);
            if (response is null)
            {
                errors["responseId"] = ["No response with this id exists in your workspace."];
            }
            else if (customerId is not null && response.CustomerId is not null && response.CustomerId != customerId)
            {
                errors["responseId"] = ["This response was given by another customer than 'customerId'."];
            }
            else
            {
                customerId ??= response.CustomerId;
                touchPointId ??= response.TouchPointId;
            }
        }

        if (input.ConversationId is { } conversationId)
        {
            var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
                .Select(c => new { c.CustomerId, c.TouchPointId }).FirstOrDefaultAsync(ct);
            if (conversation is null)
            {
                errors["conversationId"] = ["No conversation with this id exists in your workspace."];
            }
            else if (customerId is not null && conversation.CustomerId is not null && conversation.CustomerId != customerId)
            {
                errors["conversationId"] = ["This conversation is with another customer than the case's."];
            }
            else
            {
                customerId ??= conversation.CustomerId;
                touchPointId ??= conversation.TouchPointId;
            }
        }

        if (input.OwnerId is { } owner && !await work.IsMemberAsync(owner, ct))
        {
            errors["ownerId"] = ["No member of this workspace has this id."];
        }

        if (input.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct))
        {
            errors["teamId"] = ["No team with this id exists in your workspace."];
        }

        if (input.TouchPointId is { } touchPoint && !await db.TouchPoints.AnyAsync(t => t.Id == touchPoint, ct))
        {
            errors["touchPointId"] = ["No touch point with this id exists in your workspace."];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var opened = await opener.OpenAsync(new CaseOpener.Request(input.Title!.Trim(), source, input.Priority ?? CasePriority.Normal,
            string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(), customerId, input.ResponseId, input.ConversationId,
            TouchPointId: touchPointId, OwnerId: input.OwnerId, TeamId: input.TeamId, OpenedBy: actor.UserId), ct);
        audit.Record(actor.Audit, "case.opened", $"case:{opened.Number}", opened.Title);
        if (opened.OwnerId is { } assigned && assigned != actor.UserId)
        {
            await notifier.AddAsync(assigned, $"Case {opened.Number} is yours: {opened.Title}", $"{actor.Name} opened it for you.",
                $"/cases/{opened.Number}", email: true, ct);
        }

        await db.SaveChangesAsync(ct);
        return opened;
    }
}
