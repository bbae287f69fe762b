using Touchpoint.Core.Conversations;

namespace Touchpoint.Web.Conversations;

/// <summary>
/// A conversation as the inbox API shows it: <see cref="ConversationDto"/>'s fields plus what an agent
/// acts on (the version to send as If-Match) and the times that feed analytics and SLAs.
/// </summary>
internal sealed record InboxConversationDto(Guid Id, Guid InboxId, Guid? CustomerId, string Channel, string Status, string Priority,
    DateTime? SnoozedUntil, Guid? AssigneeId, Guid? TeamId, string? Subject, string? ContactName, string? ContactEmail, long LastSeq,
    long CustomerReadSeq, long AgentReadSeq, int Unread, DateTime CreatedAt, DateTime LastMessageAt, DateTime? FirstAssignedAt,
    DateTime? FirstResponseAt, DateTime? ResolvedAt, int? WaitSeconds, int? FirstResponseSeconds, int? ResolutionSeconds,
    Guid? MergedIntoId, int? CsatScore, string? CsatComment, Guid? CsatAgentId, Guid Version, IReadOnlyList<AgentInvolvedDto>? AgentsInvolved)
{
    public static InboxConversationDto From(Conversation c, IReadOnlyList<AgentInvolvedDto>? agents = null) => new(c.Id, c.InboxId,
        c.CustomerId, JsonNames.Of(c.Channel), JsonNames.Of(c.Status), JsonNames.Of(c.Priority), c.SnoozedUntil, c.AssigneeId, c.TeamId,
        c.Subject, c.ContactName, c.ContactEmail, c.LastSeq, c.CustomerReadSeq, c.AgentReadSeq, (int)Math.Max(0, c.LastSeq - c.AgentReadSeq),
        c.CreatedAt, c.LastMessageAt, c.FirstAssignedAt, c.FirstResponseAt, c.ResolvedAt, WaitOf(c), c.FirstResponseSeconds,
        c.ResolutionSeconds, c.MergedIntoId, c.CsatScore, c.CsatComment, c.CsatAgentId, c.Version, agents);

    /// <summary>How long the customer waited for someone to pick the conversation up.</summary>
    public static int? WaitOf(Conversation c) =>
        c.FirstAssignedAt is { } assigned ? (int)Math.Max(0, Math.Round((assigned - c.CreatedAt).TotalSeconds)) : null;
}

internal sealed record AgentInvolvedDto(Guid UserId, string Name, DateTime JoinedAt);
