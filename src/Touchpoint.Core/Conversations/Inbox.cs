using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// Where conversations arrive: a web chat widget, an email address, or the API channel. Each inbox
/// has its agents, its assignment rule, its business hours and what happens after a resolution.
/// </summary>
public sealed class Inbox : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public InboxKind Kind { get; set; } = InboxKind.WebChat;
    /// <summary>The public id the widget's script tag names (<c>data-inbox</c>); unguessable.</summary>
    public required string WidgetKey { get; set; }
    /// <summary>
    /// Secret for identified visitors: the site sends its user id with HMAC-SHA256(user id, secret) as
    /// hex, so a visitor cannot claim another customer's identity.
    /// </summary>
    public required string IdentitySecret { get; set; }
    /// <summary>For email inboxes and email follow-ups: support@example.com; replies go to support+TOKEN@example.com.</summary>
    public string? EmailAddress { get; set; }
    public string? Greeting { get; set; }
    /// <summary>Shown when no agent is available; the widget then takes a message that continues by email.</summary>
    public string? OfflineMessage { get; set; }
    /// <summary>Widget colour as #rrggbb.</summary>
    public string Color { get; set; } = "#1f6feb";
    /// <summary>Pre-chat form: ask for name and email before the first message.</summary>
    public bool PreChatForm { get; set; }
    public AssignmentMode Assignment { get; set; } = AssignmentMode.RoundRobin;
    /// <summary>JSON of <see cref="BusinessHours"/>; null means always open (when an agent is online).</summary>
    public string? BusinessHours { get; set; }
    /// <summary>Ask the customer for a 1-5 rating in the chat once the conversation is resolved.</summary>
    public bool CsatEnabled { get; set; } = true;
    /// <summary>The post-interaction survey emailed after resolution (through the surveys' contact rules); null sends none.</summary>
    public Guid? FollowUpSurveyId { get; set; }
    /// <summary>Agent who was assigned last (round-robin carries on from here).</summary>
    public Guid? LastAssignedUserId { get; set; }
    /// <summary>The touch point this inbox's conversations (and their ratings) count at; set on each new conversation.</summary>
    public Guid? TouchPointId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum InboxKind
{
    WebChat,
    Email,
    Api,
}

public enum AssignmentMode
{
    Manual,
    RoundRobin,
    LeastBusy,
}
