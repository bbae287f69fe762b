using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Tracking;

/// <summary>Which channel an event happened on: its source's, unless <c>context.channel</c> names another.</summary>
public static class TrackingChannels
{
    /// <summary>The sources a write key may belong to (Import is for CSV imports only).</summary>
    public static readonly IReadOnlyList<TrackingSource> WriteKeySources =
        [TrackingSource.Web, TrackingSource.App, TrackingSource.Store, TrackingSource.Sensor];

    public static Channel Of(TrackingSource source, string? contextChannel)
    {
        // Segment's own context.channel values (server, browser, mobile) are not channels here: ignored.
        if (contextChannel is not null && !int.TryParse(contextChannel, out _)
            && Enum.TryParse<Channel>(contextChannel, ignoreCase: true, out var named))
        {
            return named;
        }

        return source switch
        {
            TrackingSource.App => Channel.App,
            TrackingSource.Store => Channel.Store,
            TrackingSource.Sensor => Channel.Sensor,
            _ => Channel.Web,
        };
    }
}
