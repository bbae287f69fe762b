using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Remedies;

/// <summary>
/// The person granting, requesting or deciding a remedy: authority belongs to people, so every remedy
/// action has one (a signed-in member, or the member an API key was created by), with their current role.
/// </summary>
/// <param name="Actor">How the audit log names them ("user:ana@example.com", "key:tp_key_ab12").</param>
public sealed record RemedyActor(Guid UserId, WorkspaceRole Role, string Actor)
{
    /// <summary>Managers (and admins and owners) may act on any case and decide requests.</summary>
    public bool IsManager => Role is WorkspaceRole.Owner or WorkspaceRole.Admin or WorkspaceRole.Manager;
}
