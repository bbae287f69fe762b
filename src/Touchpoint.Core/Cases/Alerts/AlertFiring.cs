using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// One rule matching one item (a response, a conversation, an event), and the case it opened or was
/// added to. Unique per rule and item, and written in the same transaction as the case: however many
/// workers read the item, however often, a rule fires on it once.
/// </summary>
public sealed class AlertFiring : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid AlertRuleId { get; set; }
    /// <summary>"response:42", "conversation:{guid}", "event:7" (see <c>AlertItem.Key</c>).</summary>
    public required string ItemKey { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>True when the match opened the case; false when it was added to an open one.</summary>
    public bool Opened { get; set; }
    public DateTime FiredAt { get; set; }
}
