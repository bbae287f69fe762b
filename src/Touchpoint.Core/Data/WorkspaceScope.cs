namespace Touchpoint.Core.Data;

/// <summary>
/// The workspace the current request or job acts in. Scoped per request; set once by the
/// authentication step (or by a job that has looked the workspace up) and read by the data context.
/// </summary>
public sealed class WorkspaceScope
{
    public Guid WorkspaceId { get; private set; }

    public bool IsSet => WorkspaceId != Guid.Empty;

    public void Enter(Guid workspaceId)
    {
        if (workspaceId == Guid.Empty)
        {
            throw new ArgumentException("A workspace id is required.", nameof(workspaceId));
        }

        if (IsSet && WorkspaceId != workspaceId)
        {
            throw new InvalidOperationException("This scope already acts in another workspace.");
        }

        WorkspaceId = workspaceId;
    }
}
