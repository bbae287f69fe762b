using System.Security.Cryptography;
using Bogus;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Demo;

/// <summary>
/// What the demo's support team has to work with: a website chat and a support email inbox (the demo
/// admin is their agent), a team, canned replies, and a few weeks of conversations in every state,
/// numbered and timed as the message log would have (first response, response and resolution times,
/// in-chat ratings). Deterministic: a fixed random seed.
/// </summary>
internal static class DemoConversations
{
    private static readonly (string Customer, string Agent)[] Exchanges =
    [
        ("Hi, my order hasn't arrived yet. It was due on Tuesday.", "Sorry about that! Let me check the tracking for you."),
        ("Can I return a jacket I bought in the Amsterdam store online?", "Yes, you can start a return from your account within 30 days."),
        ("The discount code SPRING10 doesn't work at checkout.", "Thanks for flagging it, I've applied the discount to your order manually."),
        ("Do you have the trail boots in size 44?", "We do: size 44 is in stock online and in Rotterdam."),
        ("I was charged twice for the same order.", "I can see the duplicate charge; the refund is on its way (3-5 working days)."),
        ("How do I change my delivery address?", "Open the order in your account and choose 'Change address' before it ships."),
        ("The zip on my backpack broke after a week.", "That shouldn't happen. I've sent you a prepaid label for a free repair."),
    ];

    public static void Add(TouchpointDbContext db, User agent, List<Customer> customers, DateTime now)
    {
        var chat = new Inbox
        {
            Name = "Website chat",
            Kind = InboxKind.WebChat,
            WidgetKey = Token(16),
            IdentitySecret = Token(32),
            Greeting = "Hi! Ask us anything about your order, returns or our products.",
            OfflineMessage = "We're away right now. Leave a message and we'll reply by email.",
            Assignment = AssignmentMode.RoundRobin,
            // No business hours, so whoever tries the demo at any hour can chat once they set themselves
            // online in the inbox; hours, holidays and the offline form are set per inbox in settings.
            CreatedAt = now.AddDays(-60),
        };
        var email = new Inbox
        {
            Name = "Support email",
            Kind = InboxKind.Email,
            WidgetKey = Token(16),
            IdentitySecret = Token(32),
            EmailAddress = "support@northwind.example",
            Assignment = AssignmentMode.LeastBusy,
            CreatedAt = now.AddDays(-60),
        };
        db.Inboxes.AddRange(chat, email);
        db.InboxAgents.AddRange(new InboxAgent { InboxId = chat.Id, UserId = agent.Id }, new InboxAgent { InboxId = email.Id, UserId = agent.Id });
        // Room above the demo's own open conversations, so a new chat can still be assigned.
        db.AgentStatuses.Add(new AgentStatus { UserId = agent.Id, Presence = Presence.Offline, Capacity = 25 });
        var team = new Team { Name = "Returns", CreatedAt = now.AddDays(-60) };
        db.Teams.Add(team);
        db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = agent.Id });
        db.CannedReplies.AddRange(
            new CannedReply { Shortcut = "hello", Body = "Hi, thanks for reaching out to Northwind Outfitters! How can I help?", CreatedAt = now },
            new CannedReply { Shortcut = "returns", Body = "You can return any item within 30 days, in store or with the free label from your account.", CreatedAt = now },
            new CannedReply { Shortcut = "delivery", Body = "Orders ship within one working day; delivery takes 2-3 working days in the Benelux.", CreatedAt = now });

        var random = new Randomizer(5);
        for (var i = 0; i < 40; i++)
        {
            var customer = customers[random.Int(0, customers.Count - 1)];
            var byEmail = i % 4 == 3;
            var exchange = Exchanges[i % Exchanges.Length];
            AddConversation(db, random, byEmail ? email : chat, agent, customer, exchange, byEmail, now.AddHours(-random.Int(1, 24 * 28)), i);
        }
    }

    private static void AddConversation(TouchpointDbContext db, Randomizer random, Inbox inbox, User agent, Customer customer,
        (string Customer, string Agent) exchange, bool byEmail, DateTime started, int index)
    {
        var status = (index % 5) switch
        {
            0 => ConversationStatus.Open,
            1 => ConversationStatus.Pending,
            _ => ConversationStatus.Resolved,
        };
        var firstResponse = random.Int(20, 600);
        var conversation = new Conversation
        {
            InboxId = inbox.Id,
            CustomerId = customer.Id,
            Channel = byEmail ? Channel.Email : Channel.Chat,
            Status = status,
            Priority = index % 7 == 0 ? Priority.High : Priority.None,
            AssigneeId = index % 6 == 0 && status == ConversationStatus.Open ? null : agent.Id,
            Subject = byEmail ? exchange.Customer.Split('.', '?')[0] : null,
            ContactName = customer.Name,
            ContactEmail = customer.Email,
            ReplyToken = Token(10),
            CreatedAt = started,
            FirstAssignedAt = started.AddSeconds(random.Int(5, 60)),
        };
        var messages = new List<ConversationMessage>
        {
            Message(conversation, MessageAuthor.Customer, exchange.Customer, started, null),
        };
        if (index % 6 != 0 || status != ConversationStatus.Open)
        {
            var replied = started.AddSeconds(firstResponse);
            messages.Add(Message(conversation, MessageAuthor.Agent, exchange.Agent, replied, agent.Id, firstResponse));
            conversation.FirstResponseAt = replied;
            conversation.FirstResponseSeconds = firstResponse;
            db.ConversationAgents.Add(new ConversationAgent { ConversationId = conversation.Id, UserId = agent.Id, JoinedAt = replied });
        }

        if (status == ConversationStatus.Resolved)
        {
            var resolved = messages[^1].CreatedAt.AddMinutes(random.Int(2, 90));
            messages.Add(Message(conversation, MessageAuthor.System, "Resolved by " + agent.DisplayName, resolved, null));
            conversation.ResolvedAt = resolved;
            conversation.ResolutionSeconds = (int)(resolved - started).TotalSeconds;
            if (!byEmail && index % 3 != 0)
            {
                conversation.CsatScore = random.WeightedRandom([5, 4, 3, 2, 1], [0.5f, 0.3f, 0.1f, 0.06f, 0.04f]);
                conversation.CsatAgentId = agent.Id;
            }
        }

        for (var seq = 0; seq < messages.Count; seq++)
        {
            messages[seq].Seq = seq + 1;
        }

        conversation.LastSeq = messages.Count;
        conversation.LastMessageAt = messages[^1].CreatedAt;
        conversation.CustomerReadSeq = conversation.LastSeq;
        conversation.AgentReadSeq = status == ConversationStatus.Open ? 1 : conversation.LastSeq;
        db.Conversations.Add(conversation);
        db.ConversationMessages.AddRange(messages);
    }

    private static ConversationMessage Message(Conversation conversation, MessageAuthor author, string body, DateTime at, Guid? user,
        int? responseSeconds = null) => new()
        {
            ConversationId = conversation.Id,
            Author = author,
            AuthorUserId = user,
            Body = body,
            CreatedAt = at,
            ResponseSeconds = responseSeconds,
        };

    private static string Token(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
