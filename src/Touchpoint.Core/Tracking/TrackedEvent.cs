using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// One thing a customer did, as the tracking API or an import received it: a track, page, screen,
/// identify, group or alias call. The high-volume row, so keyed by a number and written by the
/// group-commit writer.
/// </summary>
public sealed class TrackedEvent : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>The sender's id for the message; a second message with the same id is a duplicate.</summary>
    public required string MessageId { get; set; }
    public EventType Type { get; set; }
    /// <summary>The event name (track), page or screen name, or group id; null for identify and alias.</summary>
    public string? Name { get; set; }
    /// <summary>Properties (track, page, screen) or traits (identify, group) as a JSON object.</summary>
    public string Properties { get; set; } = "{}";
    /// <summary>The message's context object as sent (ip, userAgent, page, app...), JSON.</summary>
    public string? Context { get; set; }
    public TrackingSource Source { get; set; }
    public Channel Channel { get; set; }
    /// <summary>Set when one of the workspace's mapping rules matched the event.</summary>
    public Guid? TouchPointId { get; set; }
    /// <summary>When it happened, by the sender's clock (the message's timestamp).</summary>
    public DateTime OccurredAt { get; set; }
    public DateTime ReceivedAt { get; set; }
}

public enum EventType
{
    Track,
    Page,
    Screen,
    Identify,
    Group,
    Alias,
}

/// <summary>Where tracking data comes from: each write key belongs to one source.</summary>
public enum TrackingSource
{
    Web,
    App,
    Store,
    Sensor,
    /// <summary>Historical events from a CSV import.</summary>
    Import,
}
