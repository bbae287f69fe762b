using Touchpoint.Core.Data;

namespace Touchpoint.Core.Platform;

/// <summary>One configuration change, export or erasure: who did what to which thing, and when.</summary>
public sealed class AuditEntry : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public DateTime At { get; set; }
    /// <summary>"user:{email}", "key:{prefix}" or "system".</summary>
    public required string Actor { get; set; }
    /// <summary>A dotted verb, e.g. "survey.created", "apikey.revoked".</summary>
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string? Details { get; set; }
}
