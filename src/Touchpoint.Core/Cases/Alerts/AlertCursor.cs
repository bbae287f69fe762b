namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// How far the alert worker has read one stream of new data (completed responses, tracked events),
/// across all workspaces: the time and id of the last item evaluated. It only saves rereading: the
/// <see cref="AlertFiring"/> rows are what make firing happen once, so a worker that stops before
/// moving the cursor reads the same items again and fires nothing twice.
/// </summary>
public sealed class AlertCursor
{
    /// <summary>"responses" or "events".</summary>
    public required string Stream { get; set; }
    public DateTime At { get; set; }
    public long LastId { get; set; }
    public DateTime UpdatedAt { get; set; }
}
