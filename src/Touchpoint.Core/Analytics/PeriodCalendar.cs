namespace Touchpoint.Core.Analytics;

/// <summary>Cuts instants into the workspace's local days, weeks (from its week start) and months.</summary>
public sealed class PeriodCalendar(TimeZoneInfo zone, DayOfWeek weekStart)
{
    public DateOnly LocalDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>The first local day of the period that holds <paramref name="utc"/>.</summary>
    public DateOnly PeriodStart(DateTime utc, PeriodGrouping grouping) => PeriodStart(LocalDate(utc), grouping);

    /// <summary>The first local day of the period that holds the local day <paramref name="day"/>.</summary>
    public DateOnly PeriodStart(DateOnly day, PeriodGrouping grouping) =>
        grouping switch
        {
            PeriodGrouping.Day => day,
            PeriodGrouping.Week => day.AddDays(-(((int)day.DayOfWeek - (int)weekStart + 7) % 7)),
            PeriodGrouping.Month => new DateOnly(day.Year, day.Month, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(grouping)),
        };

    /// <summary>The UTC instant at which a local date begins.</summary>
    public DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
}
