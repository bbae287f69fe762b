using System.Text.Json.Nodes;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// One checked tracking call (identify, track, page, screen, group or alias) as the Segment HTTP
/// spec defines it, ready to be stored: ids resolved to strings, times to UTC instants.
/// </summary>
public sealed record TrackingMessage
{
    public required EventType Type { get; init; }
    /// <summary>The sender's id, or one made up when the sender gave none.</summary>
    public required string MessageId { get; init; }
    public string? UserId { get; init; }
    public string? AnonymousId { get; init; }
    /// <summary>Event name (track), page or screen name, or group id (group).</summary>
    public string? Name { get; init; }
    /// <summary>The old id of an alias call.</summary>
    public string? PreviousId { get; init; }
    /// <summary>Properties (track, page, screen) or traits (identify, group).</summary>
    public required JsonObject Payload { get; init; }
    /// <summary>The context object as JSON text, or null when none was sent.</summary>
    public string? Context { get; init; }
    /// <summary>The page path from <c>properties.path</c> or <c>context.page.path</c>, for touch-point mappings.</summary>
    public string? Path { get; init; }
    /// <summary><c>context.channel</c> as sent (a Touchpoint channel name overrides the source's channel).</summary>
    public string? ContextChannel { get; init; }
    public required DateTime OccurredAt { get; init; }
}
