using Touchpoint.Core.Conversations;

namespace Touchpoint.Tests.Conversations.Chat;

/// <summary>The availability rule without a database: hours first, then agents; the expected wait is a median.</summary>
public sealed class AvailabilityRuleTests
{
    private static readonly BusinessHours Weekdays = new("Europe/Berlin",
        new() { [DayOfWeek.Monday] = [new OpeningSlot(new TimeOnly(9, 0), new TimeOnly(17, 0))] }, [new DateOnly(2026, 12, 28)]);

    [Fact]
    public void Decide_InsideHoursWithAnAgent_IsOpen()
    {
        // Monday 2026-11-23 10:00 in Berlin is 09:00 UTC.
        var report = Availability.Decide(Weekdays, new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc), 2, 60);

        Assert.Equal((true, "open", 2), (report.Open, report.Reason, report.AgentsOnline));
    }

    [Fact]
    public void Decide_InsideHoursWithoutAgents_SaysNoAgent()
    {
        var report = Availability.Decide(Weekdays, new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc), 0, 60);

        Assert.Equal((false, "noAgent", 60), (report.Open, report.Reason, report.ExpectedWaitSeconds));
    }

    [Fact]
    public void Decide_OnAHoliday_SaysWhenItOpensNext()
    {
        // Monday 2026-12-28 is a holiday: next opening is Monday 2027-01-04 09:00 Berlin = 08:00 UTC.
        var report = Availability.Decide(Weekdays, new DateTime(2026, 12, 28, 10, 0, 0, DateTimeKind.Utc), 3, null);

        Assert.Equal((false, "outsideHours"), (report.Open, report.Reason));
        Assert.Equal(new DateTime(2027, 1, 4, 8, 0, 0, DateTimeKind.Utc), report.NextOpening);
    }

    [Fact]
    public void Decide_NoHours_IsAlwaysWithinHours()
    {
        Assert.True(Availability.Decide(null, new DateTime(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc), 1, null).Open);
    }

    [Fact]
    public void Median_OddEvenAndNone()
    {
        Assert.Equal(30, Availability.Median([90, 10, 30]));
        Assert.Equal(20, Availability.Median([10, 30]));
        Assert.Null(Availability.Median([]));
    }
}
