using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// Opens a conversation in an inbox: from the chat widget (with a visitor token), from an offline
/// message that continues by email, or from another channel. Identified visitors are linked to the
/// customer with that user id exactly as tracking resolves it (the profile's external id or an old id
/// recorded by alias; a profile is created when none exists, and races create one); anonymous visitors
/// stay anonymous. It is then assigned by the inbox's rule, and agents are told
/// once it is committed.
/// The caller has entered the inbox's workspace and validated the input.
/// </summary>
public sealed class ConversationStarter(TouchpointDbContext db, IConversationFeed feed, ConversationLog log, ConversationAssigner assigner,
    IdentityResolver identities, TimeProvider clock)
{
    public sealed record Request(string? Name = null, string? Email = null, string? ExternalUserId = null, string? Subject = null,
        Guid? TouchPointId = null, Channel Channel = Channel.Chat, bool WithVisitorToken = true, string? FirstMessage = null);

    /// <summary>The conversation, and the visitor token (shown once; only its hash is kept).</summary>
    public sealed record Started(Conversation Conversation, string? VisitorToken);

    public async Task<Started> StartAsync(Inbox inbox, Request request, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = request.WithVisitorToken ? VisitorTokens.NewToken() : null;
        var conversation = new Conversation
        {
            WorkspaceId = inbox.WorkspaceId,
            InboxId = inbox.Id,
            Channel = request.Channel,
            Subject = request.Subject,
            ContactName = request.Name,
            ContactEmail = request.Email,
            VisitorTokenHash = token is null ? null : VisitorTokens.Hash(token),
            ReplyToken = VisitorTokens.NewReplyToken(),
            // The inbox's touch point comes with the inbox row the caller loaded: no extra query per conversation or message.
            TouchPointId = request.TouchPointId ?? inbox.TouchPointId,
            CreatedAt = now,
            LastMessageAt = now,
        };
        if (request.ExternalUserId is { } userId)
        {
            conversation.CustomerId = (await CustomerAsync(userId, request, now, ct)).Id;
        }

        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        if (request.FirstMessage is { } first)
        {
            await log.AppendAsync(conversation.Id, new ConversationLog.NewMessage(MessageAuthor.Customer, first), ct);
        }

        // By the inbox's rule (round-robin, least-busy, or none): the assigner tells agents itself when it assigns.
        if (await assigner.AssignAsync(conversation.Id, ct) is null)
        {
            feed.ConversationChanged(conversation);
        }

        var stored = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversation.Id, ct);
        return new Started(stored, token);
    }

    private async Task<Customer> CustomerAsync(string userId, Request request, DateTime now, CancellationToken ct)
    {
        var customer = await identities.ResolveAsync(userId, anonymousId: null, ct);
        // What the visitor told us fills gaps in the profile; it never overwrites what the company knows.
        customer.Name ??= request.Name;
        customer.Email ??= request.Email?.ToLowerInvariant();
        customer.LastSeenAt = now;
        return customer;
    }
}
