namespace Touchpoint.Core.Data;

/// <summary>
/// Marks an entity that belongs to one workspace. The data context filters every query on such an
/// entity to the current workspace and refuses writes to another one: isolation lives there, once.
/// </summary>
public interface IWorkspaceOwned
{
    Guid WorkspaceId { get; set; }
}
