using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases;

/// <summary>
/// Something a person should see in the app (a case assigned to them, an SLA about to breach, an
/// approval to decide), shown live and kept until read.
/// </summary>
public sealed class UserNotification : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }
    public required string Title { get; set; }
    public string? Body { get; set; }
    /// <summary>Where clicking it goes, inside the app (e.g. /cases/42).</summary>
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
