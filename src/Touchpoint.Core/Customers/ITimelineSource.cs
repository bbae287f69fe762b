namespace Touchpoint.Core.Customers;

/// <summary>
/// One kind of thing that shows on a customer's timeline (tracked events, survey answers, emails;
/// later conversations and cases). Each capability registers its own source in DI and the timeline
/// merges them, so a new capability plugs in without touching the others.
/// </summary>
public interface ITimelineSource
{
    /// <summary>The item kind this source yields, e.g. "event". Unique across sources; lower case.</summary>
    string Kind { get; }

    /// <summary>
    /// The customer's newest <paramref name="take"/> items that come after <paramref name="after"/> in
    /// timeline order (see <see cref="TimelinePosition"/>), newest first, ties by id descending.
    /// </summary>
    Task<IReadOnlyList<TimelineItem>> ReadAsync(Guid customerId, TimelinePosition? after, int take, CancellationToken ct);
}
