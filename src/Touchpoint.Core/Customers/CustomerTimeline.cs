namespace Touchpoint.Core.Customers;

/// <summary>
/// A customer's timeline: every registered <see cref="ITimelineSource"/> merged into one list,
/// newest first, paged by <see cref="TimelinePosition"/>. Each source is asked for one page and the
/// merge keeps the first page's worth, so paging is exact whatever the mix of sources.
/// </summary>
public sealed class CustomerTimeline(IEnumerable<ITimelineSource> sources)
{
    private readonly List<ITimelineSource> _sources = sources.ToList();

    public IReadOnlyList<string> Kinds => _sources.Select(s => s.Kind).Order(StringComparer.Ordinal).ToList();

    public sealed record Page(IReadOnlyList<TimelineItem> Items, TimelinePosition? Next);

    /// <param name="kinds">Only these kinds; null for all.</param>
    public async Task<Page> ReadAsync(Guid customerId, TimelinePosition? after, int take, IReadOnlyCollection<string>? kinds,
        CancellationToken ct = default)
    {
        var items = new List<TimelineItem>();
        // One after another: the sources share the request's DbContext.
        foreach (var source in _sources.Where(s => kinds is null || kinds.Contains(s.Kind)))
        {
            items.AddRange(await source.ReadAsync(customerId, after, take + 1, ct));
        }

        var ordered = items
            .OrderByDescending(i => i.At)
            .ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ThenByDescending(i => i.Id)
            .Take(take + 1)
            .ToList();
        if (ordered.Count <= take)
        {
            return new Page(ordered, null);
        }

        ordered.RemoveAt(take);
        return new Page(ordered, ordered[^1].Position);
    }
}
