namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// Whether a workspace's rollups can be read, and in which time zone they were cut. A workspace with no
/// state (new, migrated from before rollups, or whose zone changed) is rebuilt day range by day range;
/// <see cref="RebuiltThrough"/> is the cursor that lets a rebuild resume after a restart.
/// </summary>
public sealed class RollupState
{
    public Guid WorkspaceId { get; set; }
    public required string TimeZone { get; set; }
    public bool Ready { get; set; }

    /// <summary>The last local day a rebuild in progress has written; null before its first range.</summary>
    public DateOnly? RebuiltThrough { get; set; }

    public DateTime UpdatedAt { get; set; }
}
