using System.Globalization;
using Touchpoint.Core.Cases.Sla;
using Touchpoint.Core.Conversations;

namespace Touchpoint.Tests.Cases.Sla;

public sealed class BusinessClockTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Mon-Fri 09:00-17:00 in Berlin (UTC+1 in winter, UTC+2 in summer).</summary>
    private static BusinessClock Office(params string[] holidays) => new(Hours("Europe/Berlin", "09:00", "17:00", Weekdays, holidays));

    private static BusinessHours Hours(string zone, string from, string to, DayOfWeek[] days, params string[] holidays) => new(zone,
        days.ToDictionary(d => d, _ => new List<OpeningSlot> { Slot(from, to) }),
        holidays.Select(h => DateOnly.Parse(h, CultureInfo.InvariantCulture)).ToList());

    private static OpeningSlot Slot(string from, string to) =>
        new(TimeOnly.Parse(from, CultureInfo.InvariantCulture), to == "24:00" ? TimeOnly.MinValue : TimeOnly.Parse(to, CultureInfo.InvariantCulture));

    private static DateTime Utc(string instant) =>
        DateTime.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [Fact]
    public void Add_WithoutHours_CountsEveryMinute()
    {
        Assert.Equal(Utc("2026-11-22T03:30:00Z"), BusinessClock.Always.AddMinutes(Utc("2026-11-21T23:00:00Z"), 270));
        Assert.Equal(TimeSpan.FromMinutes(270), BusinessClock.FromJson(null).Between(Utc("2026-11-21T23:00:00Z"), Utc("2026-11-22T03:30:00Z")));
    }

    [Fact]
    public void Add_WithinOneDay_StaysInTheSlot()
    {
        // Monday 10:00 Berlin is 09:00 UTC; two business hours later it is 12:00 Berlin.
        Assert.Equal(Utc("2026-11-23T11:00:00Z"), Office().AddMinutes(Utc("2026-11-23T09:00:00Z"), 120));
    }

    [Fact]
    public void Add_AcrossTheNight_ContinuesNextMorning()
    {
        // Tuesday 16:30 Berlin + 60 business minutes: 30 today, 30 from Wednesday 09:00.
        Assert.Equal(Utc("2026-11-25T08:30:00Z"), Office().AddMinutes(Utc("2026-11-24T15:30:00Z"), 60));
    }

    [Fact]
    public void Add_StartingAtNight_StartsCountingAtOpening()
    {
        // Tuesday 22:00 Berlin: nothing counts until Wednesday 09:00.
        Assert.Equal(Utc("2026-11-25T08:30:00Z"), Office().AddMinutes(Utc("2026-11-24T21:00:00Z"), 30));
    }

    [Fact]
    public void Add_OverTheWeekend_SkipsSaturdayAndSunday()
    {
        // Friday 16:00 Berlin + 2 business hours: 1 on Friday, 1 on Monday from 09:00.
        Assert.Equal(Utc("2026-11-23T09:00:00Z"), Office().AddMinutes(Utc("2026-11-20T15:00:00Z"), 120));
        Assert.Equal(TimeSpan.FromHours(2), Office().Between(Utc("2026-11-20T15:00:00Z"), Utc("2026-11-23T09:00:00Z")));
    }

    [Fact]
    public void Add_OverAHoliday_SkipsTheClosedDay()
    {
        // Wednesday 2026-12-23 16:30 Berlin, Thursday 24th and Friday 25th are holidays, then the weekend: Monday 28th 09:30.
        var clock = Office("2026-12-24", "2026-12-25");
        Assert.Equal(Utc("2026-12-28T08:30:00Z"), clock.AddMinutes(Utc("2026-12-23T15:30:00Z"), 60));
        Assert.Equal(TimeSpan.FromHours(1), clock.Between(Utc("2026-12-23T15:30:00Z"), Utc("2026-12-28T08:30:00Z")));
    }

    [Fact]
    public void Add_SeveralBusinessDays_CountsEightHoursADay()
    {
        // Two business days (16 h) from Monday 09:00 Berlin end Tuesday 17:00.
        Assert.Equal(Utc("2026-11-24T16:00:00Z"), Office().AddMinutes(Utc("2026-11-23T08:00:00Z"), 16 * 60));
    }

    [Fact]
    public void Add_AtTheVeryEndOfASlot_EndsThere()
    {
        // Exactly the rest of Monday: due at 17:00, not at Tuesday's opening.
        Assert.Equal(Utc("2026-11-23T16:00:00Z"), Office().AddMinutes(Utc("2026-11-23T15:00:00Z"), 60));
    }

    [Fact]
    public void Add_SlotsThatEndAtMidnight_RunOnIntoTheNextDay()
    {
        // Evenings 20:00-24:00 and early mornings 00:00-02:00, every day, in UTC: 23:00 + 2 h = 01:00 the next day.
        var hours = new BusinessHours("UTC", Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => new List<OpeningSlot> { Slot("00:00", "02:00"), Slot("20:00", "24:00") }), []);
        var clock = new BusinessClock(hours);
        Assert.Equal(Utc("2026-11-24T01:00:00Z"), clock.AddMinutes(Utc("2026-11-23T23:00:00Z"), 120));
        // 01:30 + 1 h: 30 min to 02:00, then 30 min from 20:00.
        Assert.Equal(Utc("2026-11-24T20:30:00Z"), clock.AddMinutes(Utc("2026-11-24T01:30:00Z"), 60));
    }

    [Fact]
    public void Between_OverlappingSlots_CountEachMinuteOnce()
    {
        var hours = new BusinessHours("UTC", new() { [DayOfWeek.Monday] = [Slot("09:00", "13:00"), Slot("12:00", "17:00")] }, []);
        Assert.Equal(TimeSpan.FromHours(8), new BusinessClock(hours).Between(Utc("2026-11-23T00:00:00Z"), Utc("2026-11-24T00:00:00Z")));
    }

    [Fact]
    public void Between_TheDayClocksGoForward_HasTwentyThreeHours()
    {
        // Berlin moves from 02:00 to 03:00 on Sunday 2026-03-29; a 24-hour slot that day holds 23 real hours.
        var clock = new BusinessClock(Hours("Europe/Berlin", "00:00", "24:00", [DayOfWeek.Sunday]));
        Assert.Equal(TimeSpan.FromHours(23), clock.Between(Utc("2026-03-28T12:00:00Z"), Utc("2026-03-30T12:00:00Z")));
        // 01:30 local (00:30 UTC) + 60 business minutes is 03:30 local (01:30 UTC): the skipped hour does not exist.
        Assert.Equal(Utc("2026-03-29T01:30:00Z"), clock.AddMinutes(Utc("2026-03-29T00:30:00Z"), 60));
    }

    [Fact]
    public void Between_TheDayClocksGoBack_HasTwentyFiveHours()
    {
        // Berlin repeats 02:00-03:00 on Sunday 2026-10-25.
        var clock = new BusinessClock(Hours("Europe/Berlin", "00:00", "24:00", [DayOfWeek.Sunday]));
        Assert.Equal(TimeSpan.FromHours(25), clock.Between(Utc("2026-10-24T12:00:00Z"), Utc("2026-10-26T12:00:00Z")));
    }

    [Fact]
    public void Add_ASlotStartingInsideTheSkippedHour_StartsWhenTheClockResumes()
    {
        // New York skips 02:00-03:00 on Sunday 2026-03-08: a 02:30-04:00 slot is open 03:00-04:00 (07:00-08:00 UTC).
        var clock = new BusinessClock(Hours("America/New_York", "02:30", "04:00", [DayOfWeek.Sunday]));
        Assert.Equal(TimeSpan.FromHours(1), clock.Between(Utc("2026-03-08T00:00:00Z"), Utc("2026-03-09T00:00:00Z")));
        Assert.Equal(Utc("2026-03-08T07:15:00Z"), clock.AddMinutes(Utc("2026-03-08T05:00:00Z"), 15));
    }

    [Fact]
    public void Add_SummerAndWinter_FollowTheLocalOffset()
    {
        // 09:00 Berlin is 07:00 UTC in July and 08:00 UTC in November.
        Assert.Equal(Utc("2026-07-06T07:30:00Z"), Office().AddMinutes(Utc("2026-07-05T12:00:00Z"), 30));
        Assert.Equal(Utc("2026-11-23T08:30:00Z"), Office().AddMinutes(Utc("2026-11-22T12:00:00Z"), 30));
    }

    [Fact]
    public void Add_Negative_GoesBackInBusinessTime()
    {
        var clock = Office("2026-12-24", "2026-12-25");
        var due = clock.AddMinutes(Utc("2026-12-23T15:30:00Z"), 60);
        Assert.Equal(Utc("2026-12-23T15:30:00Z"), clock.AddMinutes(due, -60));
        // Monday 09:10 Berlin minus 20 business minutes: 10 on Monday, 10 before Friday's 17:00.
        Assert.Equal(Utc("2026-11-20T15:50:00Z"), Office().AddMinutes(Utc("2026-11-23T08:10:00Z"), -20));
    }

    [Fact]
    public void Between_Backwards_IsNegative()
    {
        Assert.Equal(TimeSpan.FromHours(-2), Office().Between(Utc("2026-11-23T09:00:00Z"), Utc("2026-11-20T15:00:00Z")));
    }

    [Fact]
    public void StateAt_SaysWhetherTheClockRunsAndUntilWhen()
    {
        Assert.Equal((true, (DateTime?)Utc("2026-11-23T16:00:00Z")), Office().StateAt(Utc("2026-11-23T10:00:00Z")));
        Assert.Equal((false, (DateTime?)Utc("2026-11-23T08:00:00Z")), Office().StateAt(Utc("2026-11-21T10:00:00Z")));
        Assert.Equal((true, (DateTime?)null), BusinessClock.Always.StateAt(Utc("2026-11-21T10:00:00Z")));
    }

    [Fact]
    public void HoursThatNeverOpen_AreRefusedWithAReason()
    {
        var closed = new BusinessHours("Europe/Berlin", new() { [DayOfWeek.Monday] = [] }, []);
        Assert.NotNull(BusinessClock.WhyNeverOpen(closed));
        var error = Assert.Throws<ArgumentException>(() => new BusinessClock(closed));
        Assert.Contains("never open", error.Message, StringComparison.Ordinal);
        Assert.Null(BusinessClock.WhyNeverOpen(Hours("UTC", "00:00", "24:00", [DayOfWeek.Monday])));
    }

    [Fact]
    public void Add_HolidaysForYears_StopsWithAClearErrorInsteadOfLoopingForever()
    {
        var start = new DateOnly(2026, 11, 23);
        var holidays = Enumerable.Range(0, 1200).Select(i => start.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        var clock = new BusinessClock(Hours("UTC", "09:00", "17:00", Weekdays, holidays));
        Assert.Throws<InvalidOperationException>(() => clock.AddMinutes(Utc("2026-11-23T08:00:00Z"), 60));
    }
}
