using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// How a query's range splits: the whole local days <see cref="First"/>..<see cref="Last"/> read from the
/// rollups except <see cref="Dirty"/> ones, and <see cref="RawRanges"/> (the partial days at both edges and
/// the dirty days) read from raw rows.
/// </summary>
internal sealed record RollupPlan(RollupSlice Slice, PeriodCalendar Calendar, DateOnly First, DateOnly Last,
    IReadOnlySet<DateOnly> Dirty, IReadOnlyList<(DateTime From, DateTime To)> RawRanges)
{
    /// <summary>Null when the rollups cannot serve the query (not ready, or no whole day in the range).</summary>
    public static async Task<RollupPlan?> MakeAsync(RollupReader reader, Workspace workspace, MetricQuery query, RollupSlice slice,
        CancellationToken ct)
    {
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        try
        {
            var first = calendar.LocalDate(query.From);
            if (calendar.StartOfDayUtc(first) < query.From)
            {
                first = first.AddDays(1);
            }

            var last = calendar.LocalDate(query.To).AddDays(-1);
            if (first > last || await reader.DirtyDaysAsync(workspace, ct) is not { } dirty)
            {
                return null;
            }

            var ranges = new List<(DateTime From, DateTime To)>();
            void Raw(DateTime from, DateTime to)
            {
                if (from >= to)
                {
                    return;
                }

                if (ranges.Count > 0 && ranges[^1].To == from)
                {
                    ranges[^1] = (ranges[^1].From, to);
                }
                else
                {
                    ranges.Add((from, to));
                }
            }

            Raw(query.From, calendar.StartOfDayUtc(first));
            foreach (var day in dirty.Where(d => d >= first && d <= last).Order())
            {
                Raw(calendar.StartOfDayUtc(day), calendar.StartOfDayUtc(day.AddDays(1)));
            }

            Raw(calendar.StartOfDayUtc(last.AddDays(1)), query.To);
            return new RollupPlan(slice, calendar, first, last, dirty, ranges);
        }
        catch (ArgumentException)
        {
            // A local midnight that does not exist in the zone (a DST jump at 00:00): the raw rows know no such trouble.
            return null;
        }
    }
}
