using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Journeys.Mapping;

/// <summary>
/// Ties surveys and inboxes to touch points from the journey pages: a survey's answers and an inbox's
/// conversations (with their ratings) then count at that touch point. New answers and conversations
/// only: what was already recorded keeps the touch point it had. Audited.
/// </summary>
public sealed class TouchPointLinks(TouchpointDbContext db, AuditLog audit)
{
    public enum Outcome
    {
        Saved,
        NotFound,
        UnknownTouchPoint,
    }

    public async Task<Outcome> SetSurveyAsync(Guid surveyId, Guid? touchPointId, string actor, CancellationToken ct = default)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null)
        {
            return Outcome.NotFound;
        }

        if (!await KnownAsync(touchPointId, ct))
        {
            return Outcome.UnknownTouchPoint;
        }

        survey.TouchPointId = touchPointId;
        audit.Record(actor, "survey.touch-point", $"survey:{survey.Id}", touchPointId?.ToString() ?? "none");
        await db.SaveChangesAsync(ct);
        return Outcome.Saved;
    }

    public async Task<Outcome> SetInboxAsync(Guid inboxId, Guid? touchPointId, string actor, CancellationToken ct = default)
    {
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == inboxId, ct);
        if (inbox is null)
        {
            return Outcome.NotFound;
        }

        if (!await KnownAsync(touchPointId, ct))
        {
            return Outcome.UnknownTouchPoint;
        }

        inbox.TouchPointId = touchPointId;
        audit.Record(actor, "inbox.touch-point", $"inbox:{inbox.Id}", touchPointId?.ToString() ?? "none");
        await db.SaveChangesAsync(ct);
        return Outcome.Saved;
    }

    private async Task<bool> KnownAsync(Guid? touchPointId, CancellationToken ct) =>
        touchPointId is not { } id || await db.TouchPoints.AnyAsync(t => t.Id == id, ct);
}
