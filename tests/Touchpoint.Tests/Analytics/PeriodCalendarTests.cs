using Touchpoint.Core.Analytics;

namespace Touchpoint.Tests.Analytics;

/// <summary>Days and weeks are cut in the workspace's zone from its week start, not in UTC from Monday.</summary>
public sealed class PeriodCalendarTests
{
    // New York is UTC-5 in January. 2026-01-04 is a Sunday.
    private static readonly PeriodCalendar NewYorkSundayWeeks = new(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), DayOfWeek.Sunday);

    [Fact]
    public void LocalDate_SundayInUtcButSaturdayEveningInNewYork_IsSaturday()
    {
        var instant = new DateTime(2026, 1, 4, 3, 30, 0, DateTimeKind.Utc);

        var day = NewYorkSundayWeeks.PeriodStart(instant, PeriodGrouping.Day);

        Assert.Equal(new DateOnly(2026, 1, 3), day);
    }

    [Fact]
    public void PeriodStart_SaturdayLocalJustBeforeMidnight_FallsInThePreviousSundayWeek()
    {
        // 04:59 UTC on Sunday 4 January is 23:59 on Saturday 3 January in New York.
        var instant = new DateTime(2026, 1, 4, 4, 59, 0, DateTimeKind.Utc);

        var week = NewYorkSundayWeeks.PeriodStart(instant, PeriodGrouping.Week);

        // A UTC calendar would say the week of Sunday 4 January; the workspace's week began Sunday 28 December.
        Assert.Equal(new DateOnly(2025, 12, 28), week);
    }

    [Fact]
    public void PeriodStart_SundayLocalJustAfterMidnight_StartsANewWeek()
    {
        // 05:00 UTC on Sunday 4 January is 00:00 on Sunday 4 January in New York.
        var instant = new DateTime(2026, 1, 4, 5, 0, 0, DateTimeKind.Utc);

        var week = NewYorkSundayWeeks.PeriodStart(instant, PeriodGrouping.Week);

        Assert.Equal(new DateOnly(2026, 1, 4), week);
    }

    [Fact]
    public void PeriodStart_EastOfUtcWithSaturdayWeeks_UsesTheLocalDay()
    {
        // Tokyo is UTC+9: 16:00 UTC on Friday 9 January is 01:00 on Saturday 10 January there.
        var calendar = new PeriodCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), DayOfWeek.Saturday);
        var instant = new DateTime(2026, 1, 9, 16, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateOnly(2026, 1, 10), calendar.PeriodStart(instant, PeriodGrouping.Day));
        Assert.Equal(new DateOnly(2026, 1, 10), calendar.PeriodStart(instant, PeriodGrouping.Week));
    }

    [Fact]
    public void PeriodStart_LastEveningOfTheMonthInNewYork_StaysInThatMonth()
    {
        // 02:00 UTC on 1 February is 21:00 on 31 January in New York.
        var instant = new DateTime(2026, 2, 1, 2, 0, 0, DateTimeKind.Utc);

        var month = NewYorkSundayWeeks.PeriodStart(instant, PeriodGrouping.Month);

        Assert.Equal(new DateOnly(2026, 1, 1), month);
    }

    [Fact]
    public void StartOfDayUtc_DayClocksSpringForward_IsLocalMidnightInUtc()
    {
        // Daylight saving starts at 02:00 on Sunday 8 March 2026; midnight is still UTC-5.
        Assert.Equal(new DateTime(2026, 3, 8, 5, 0, 0, DateTimeKind.Utc), NewYorkSundayWeeks.StartOfDayUtc(new DateOnly(2026, 3, 8)));
        Assert.Equal(new DateTime(2026, 3, 9, 4, 0, 0, DateTimeKind.Utc), NewYorkSundayWeeks.StartOfDayUtc(new DateOnly(2026, 3, 9)));
    }
}
