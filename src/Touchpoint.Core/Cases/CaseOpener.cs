using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases;

/// <summary>
/// The one way a case comes into being. It numbers the case within its workspace, writes its first
/// history line, runs the registered <see cref="ICaseStep"/>s (SLA targets and the like) and
/// saves it all in one transaction. Two cases opened at the same moment may reach for the same number;
/// the unique index refuses the second and it simply takes the next.
/// The caller has entered the workspace and validated the input.
/// </summary>
public sealed class CaseOpener(TouchpointDbContext db, CaseSteps steps, TimeProvider clock)
{
    private const int Attempts = 20;

    public sealed record Request(
        string Title,
        CaseSource Source,
        CasePriority Priority = CasePriority.Normal,
        string? Description = null,
        Guid? CustomerId = null,
        long? ResponseId = null,
        Guid? ConversationId = null,
        long? EventId = null,
        Guid? AlertRuleId = null,
        Guid? TouchPointId = null,
        Guid? OwnerId = null,
        Guid? TeamId = null,
        Guid? OpenedBy = null);

    public async Task<Case> OpenAsync(Request request, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var opened = New(request);
            opened.Number = await NextNumberAsync(ct);
            db.Cases.Add(opened);
            db.CaseActivities.Add(new CaseActivity
            {
                CaseId = opened.Id,
                Kind = CaseActivityKind.Created,
                ActorId = request.OpenedBy,
                Body = request.Source switch
                {
                    CaseSource.Rule => "Opened by an alert rule",
                    CaseSource.Api => "Opened through the API",
                    _ => "Opened by hand",
                },
                CreatedAt = opened.CreatedAt,
            });
            await steps.RunAsync(db, opened, CaseMoment.Opened, ct);

            try
            {
                await db.SaveChangesAsync(ct);
                return opened;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another case took this number first: forget ours and number it again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private Case New(Request request)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new Case
        {
            Title = request.Title,
            Description = request.Description,
            Source = request.Source,
            Priority = request.Priority,
            CustomerId = request.CustomerId,
            ResponseId = request.ResponseId,
            ConversationId = request.ConversationId,
            EventId = request.EventId,
            AlertRuleId = request.AlertRuleId,
            TouchPointId = request.TouchPointId,
            OwnerId = request.OwnerId,
            TeamId = request.TeamId,
            ReplyToken = VisitorTokens.NewReplyToken(),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private async Task<int> NextNumberAsync(CancellationToken ct) =>
        (await db.Cases.MaxAsync(c => (int?)c.Number, ct) ?? 0) + 1;
}
