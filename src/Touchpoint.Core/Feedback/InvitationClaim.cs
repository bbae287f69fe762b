using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// One response per invitation, whatever the race: completing marks the invitation responded with
/// a conditional update, and only the request whose update changed the row may store its answers.
/// Anonymous responses carry no invitation id, so this, not the unique index, guards them.
/// </summary>
public static class InvitationClaim
{
    /// <summary>True when this caller marked the invitation responded; false when someone already had.</summary>
    public static async Task<bool> ClaimAsync(TouchpointDbContext db, Guid invitationId, DateTime now, CancellationToken ct = default) =>
        await db.SurveyInvitations.Where(i => i.Id == invitationId && i.Status != InvitationStatus.Responded)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.Status, InvitationStatus.Responded).SetProperty(i => i.RespondedAt, now), ct) == 1;

    /// <summary>Gives the claim back when the answers could not be stored.</summary>
    public static Task ReleaseAsync(TouchpointDbContext db, SurveyInvitation before, CancellationToken ct = default) =>
        db.SurveyInvitations.Where(i => i.Id == before.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.Status, before.Status).SetProperty(i => i.RespondedAt, before.RespondedAt), ct);

    public static Task LinkAsync(TouchpointDbContext db, Guid invitationId, long responseId, CancellationToken ct = default) =>
        db.SurveyInvitations.Where(i => i.Id == invitationId)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.ResponseId, responseId), ct);
}
