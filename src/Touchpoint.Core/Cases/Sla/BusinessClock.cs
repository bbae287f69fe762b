using Touchpoint.Core.Conversations;

namespace Touchpoint.Core.Cases.Sla;

/// <summary>
/// Counts time only while the business is open: adds business time to an instant and measures the
/// business time between two instants, over <see cref="BusinessHours"/> (a time zone, open slots per
/// weekday, holidays). A business minute is a real minute of an open slot, so the night of a DST change
/// has one hour more or less, just as a clock on the wall does. Without hours every minute counts.
/// </summary>
public sealed class BusinessClock
{
    /// <summary>How far ahead (or back) the clock looks for an open slot before it gives up: holidays can close a long stretch, never this long.</summary>
    private const int MaxClosedDays = 800;

    public static readonly BusinessClock Always = new(null);

    private readonly BusinessHours? _hours;
    private readonly TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private readonly Dictionary<DayOfWeek, List<(TimeSpan From, TimeSpan To)>> _slots = [];
    private readonly HashSet<DateOnly> _holidays = [];

    public BusinessClock(BusinessHours? hours)
    {
        _hours = hours;
        if (hours is null)
        {
            return;
        }

        if (WhyNeverOpen(hours) is { } reason)
        {
            throw new ArgumentException(reason, nameof(hours));
        }

        _zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        _holidays = [.. hours.Holidays ?? []];
        foreach (var (day, slots) in hours.Days ?? [])
        {
            _slots[day] = Merge(slots ?? []);
        }
    }

    /// <summary>A clock over the JSON stored on a policy (null or empty: every minute counts).</summary>
    public static BusinessClock FromJson(string? json) => BusinessHours.FromJson(json) is { } hours ? new BusinessClock(hours) : Always;

    /// <summary>
    /// Why hours that are never open cannot drive a clock (a target would never fall due), or null when
    /// some weekday has an open slot. Checked when a policy is saved.
    /// </summary>
    public static string? WhyNeverOpen(BusinessHours hours) =>
        (hours.Days ?? []).Values.Any(slots => (slots ?? []).Any(s => s.To == TimeOnly.MinValue || s.To > s.From))
            ? null
            : "These business hours are never open: give at least one weekday an opening slot, or remove the hours to count every minute.";

    /// <summary>The instant <paramref name="amount"/> of business time after (or, when negative, before) <paramref name="utc"/>.</summary>
    public DateTime Add(DateTime utc, TimeSpan amount)
    {
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (_hours is null)
        {
            return utc + amount;
        }

        return amount >= TimeSpan.Zero ? Forward(utc, amount) : Backward(utc, -amount);
    }

    public DateTime AddMinutes(DateTime utc, double minutes) => Add(utc, TimeSpan.FromMinutes(minutes));

    /// <summary>Business time from <paramref name="fromUtc"/> to <paramref name="toUtc"/>; negative when <paramref name="toUtc"/> is earlier.</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        fromUtc = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        toUtc = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc);
        if (toUtc < fromUtc)
        {
            return -Between(toUtc, fromUtc);
        }

        if (_hours is null)
        {
            return toUtc - fromUtc;
        }

        var total = TimeSpan.Zero;
        foreach (var (start, end) in OpenPeriods(LocalDate(fromUtc).AddDays(-1), 1))
        {
            if (start >= toUtc)
            {
                break;
            }

            var from = start > fromUtc ? start : fromUtc;
            var to = end < toUtc ? end : toUtc;
            if (to > from)
            {
                total += to - from;
            }
        }

        return total;
    }

    /// <summary>Whether the clock runs at <paramref name="utc"/>, and the next instant (UTC) that changes, if any within the look-ahead.</summary>
    public (bool Running, DateTime? Until) StateAt(DateTime utc)
    {
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (_hours is null)
        {
            return (true, null);
        }

        foreach (var (start, end) in OpenPeriods(LocalDate(utc).AddDays(-1), 1))
        {
            if (end <= utc)
            {
                continue;
            }

            return start <= utc ? (true, end) : (false, start);
        }

        return (false, null);
    }

    private DateTime Forward(DateTime utc, TimeSpan amount)
    {
        var left = amount;
        foreach (var (start, end) in OpenPeriods(LocalDate(utc).AddDays(-1), 1))
        {
            if (end <= utc)
            {
                continue;
            }

            var from = start > utc ? start : utc;
            if (end - from >= left)
            {
                return from + left;
            }

            left -= end - from;
        }

        throw new InvalidOperationException("The business hours stay closed too long to reach this target.");
    }

    private DateTime Backward(DateTime utc, TimeSpan amount)
    {
        var left = amount;
        foreach (var (start, end) in OpenPeriods(LocalDate(utc).AddDays(1), -1))
        {
            if (start >= utc)
            {
                continue;
            }

            var to = end < utc ? end : utc;
            if (to - start >= left)
            {
                return to - left;
            }

            left -= to - start;
        }

        throw new InvalidOperationException("The business hours stay closed too long to go back this far.");
    }

    /// <summary>
    /// The open periods (UTC, in order of <paramref name="step"/>) of each local day from <paramref name="first"/> on.
    /// Ends after <see cref="MaxClosedDays"/> days without one, which only a very long run of holidays can cause.
    /// </summary>
    private IEnumerable<(DateTime Start, DateTime End)> OpenPeriods(DateOnly first, int step)
    {
        var closedDays = 0;
        for (var date = first; closedDays <= MaxClosedDays; date = date.AddDays(step))
        {
            var periods = PeriodsOf(date);
            if (periods.Count == 0)
            {
                closedDays++;
                continue;
            }

            closedDays = 0;
            if (step < 0)
            {
                periods.Reverse();
            }

            foreach (var period in periods)
            {
                yield return period;
            }
        }
    }

    private List<(DateTime Start, DateTime End)> PeriodsOf(DateOnly date)
    {
        var periods = new List<(DateTime, DateTime)>();
        if (_holidays.Contains(date) || !_slots.TryGetValue(date.DayOfWeek, out var slots))
        {
            return periods;
        }

        var midnight = date.ToDateTime(TimeOnly.MinValue);
        foreach (var (from, to) in slots)
        {
            var start = ToUtc(midnight + from);
            var end = ToUtc(midnight + to);
            if (end > start)
            {
                periods.Add((start, end));
            }
        }

        return periods;
    }

    /// <summary>
    /// A wall-clock time to UTC: a time skipped by a DST change starts at the end of the gap, a time that
    /// happens twice counts the first time (for a slot's end, the later one would swallow the repeated hour too).
    /// </summary>
    private DateTime ToUtc(DateTime local)
    {
        for (var guard = 0; _zone.IsInvalidTime(local) && guard < 24 * 60; guard++)
        {
            local = local.AddMinutes(1);
        }

        if (_zone.IsAmbiguousTime(local))
        {
            var offset = _zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, _zone));

    /// <summary>A day's slots as offsets from midnight, sorted and overlaps joined, so no minute counts twice.</summary>
    private static List<(TimeSpan From, TimeSpan To)> Merge(List<OpeningSlot> slots)
    {
        var merged = new List<(TimeSpan From, TimeSpan To)>();
        foreach (var slot in slots.Select(s => (From: s.From.ToTimeSpan(), To: s.To == TimeOnly.MinValue ? TimeSpan.FromDays(1) : s.To.ToTimeSpan()))
                     .Where(s => s.To > s.From).OrderBy(s => s.From))
        {
            if (merged.Count > 0 && slot.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, slot.To > merged[^1].To ? slot.To : merged[^1].To);
            }
            else
            {
                merged.Add(slot);
            }
        }

        return merged;
    }
}
