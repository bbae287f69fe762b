using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// The customer's conversations on the timeline, one item each at the moment the first message was
/// written (chats, email threads, logged calls and visits). The item's id is that first message's id,
/// so the timeline's long-keyed paging works unchanged. A conversation merged into another shows once,
/// as the one it was merged into; one without messages yet has not happened.
/// </summary>
public sealed class ConversationTimelineSource(TouchpointDbContext db) : ITimelineSource
{
    private const int PreviewLength = 140;

    public string Kind => "conversation";

    public async Task<IReadOnlyList<TimelineItem>> ReadAsync(Guid customerId, TimelinePosition? after, int take, CancellationToken ct)
    {
        var firsts = db.ConversationMessages.AsNoTracking().Where(m => m.Seq == 1)
            .Join(db.Conversations.AsNoTracking().Where(c => c.CustomerId == customerId && c.MergedIntoId == null),
                m => m.ConversationId, c => c.Id, (m, c) => new { Message = m, Conversation = c });
        if (after is { } p)
        {
            var (at, id) = (p.At, p.Id);
            firsts = p.ResumeFor(Kind) switch
            {
                TimelinePosition.Resume.Before => firsts.Where(x => x.Message.CreatedAt < at),
                TimelinePosition.Resume.AtOrBefore => firsts.Where(x => x.Message.CreatedAt <= at),
                _ => firsts.Where(x => x.Message.CreatedAt < at || (x.Message.CreatedAt == at && x.Message.Id < id)),
            };
        }

        var rows = await firsts.OrderByDescending(x => x.Message.CreatedAt).ThenByDescending(x => x.Message.Id).Take(take)
            .Select(x => new { x.Message.Id, x.Message.CreatedAt, x.Message.Body, x.Conversation }).ToListAsync(ct);
        var touchPoints = await TimelineTouchPoints.NamesAsync(db, rows.Select(r => r.Conversation.TouchPointId), ct);
        return rows.Select(r =>
        {
            var c = r.Conversation;
            var preview = r.Body.Length > PreviewLength ? r.Body[..PreviewLength] + "…" : r.Body;
            var title = $"{Label(c)}: {(string.IsNullOrWhiteSpace(c.Subject) ? FirstLine(preview) : c.Subject)}";
            return new TimelineItem(Kind, r.Id, r.CreatedAt, title, c.Channel, c.TouchPointId is { } tp ? touchPoints.GetValueOrDefault(tp) : null,
                "conversation", new JsonObject
                {
                    ["conversationId"] = c.Id.ToString(),
                    ["status"] = c.Status.ToString().ToLowerInvariant(),
                    ["subject"] = c.Subject,
                    ["preview"] = preview,
                    ["messages"] = c.LastSeq,
                    ["csatScore"] = c.CsatScore,
                    ["resolvedAt"] = c.ResolvedAt,
                });
        }).ToList();
    }

    private static string Label(Conversation c) => c.Channel switch
    {
        Journeys.Channel.Chat => "Chat",
        Journeys.Channel.Email => "Email conversation",
        Journeys.Channel.Phone => "Call",
        Journeys.Channel.Store => "Store visit",
        Journeys.Channel.Social => "Social message",
        _ => "Conversation",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
