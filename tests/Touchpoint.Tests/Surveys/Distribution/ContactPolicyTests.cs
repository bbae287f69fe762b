using Touchpoint.Core.Customers;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Distribution;

namespace Touchpoint.Tests.Surveys.Distribution;

/// <summary>The contact rules on their own, at chosen instants: quiet hours across midnight and DST, quarantine, consent.</summary>
public sealed class ContactPolicyTests
{
    private static readonly ContactRules NightQuiet = new() { QuarantineDays = 30, QuietHoursStart = new(21, 0), QuietHoursEnd = new(8, 0) };

    private static ContactFacts Facts(ContactRules? rules = null, string? customerZone = null, string workspaceZone = "UTC", Consent? consent = null,
        DateTime? lastAny = null, DateTime? lastSame = null, int? surveyQuarantine = null, SurveyStatus status = SurveyStatus.Live, string? email = "ana@example.test") =>
        new(status, surveyQuarantine, consent ?? new Consent(), email, customerZone, workspaceZone, rules ?? NightQuiet, lastAny, lastSame);

    private static DateTime Now(FixedClock clock) => clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void Decide_DaytimeInCustomersZone_SendsNow()
    {
        var clock = FixedClock.At("2026-06-10T12:00:00Z");

        var decision = ContactPolicy.Decide(Facts(customerZone: "Europe/Berlin"), Now(clock));

        Assert.False(decision.Suppressed);
        Assert.Equal(Now(clock), decision.SendAt);
    }

    [Fact]
    public void Decide_LateEveningInCustomersZone_WaitsUntilEightNextMorningTheirTime()
    {
        // 20:30 UTC is 22:30 in Berlin (summer, UTC+2): quiet until 08:00 Berlin = 06:00 UTC next day.
        var clock = FixedClock.At("2026-06-10T20:30:00Z");

        var decision = ContactPolicy.Decide(Facts(customerZone: "Europe/Berlin"), Now(clock));

        Assert.Equal(new DateTime(2026, 6, 11, 6, 0, 0, DateTimeKind.Utc), decision.SendAt);
    }

    [Fact]
    public void Decide_EarlyMorningAfterMidnight_WaitsUntilEightTheSameDay()
    {
        // 03:00 in New York (UTC-4 in June) is 07:00 UTC: the night that began yesterday ends at 08:00 today, 12:00 UTC.
        var clock = FixedClock.At("2026-06-10T07:00:00Z");

        var decision = ContactPolicy.Decide(Facts(customerZone: "America/New_York"), Now(clock));

        Assert.Equal(new DateTime(2026, 6, 10, 12, 0, 0, DateTimeKind.Utc), decision.SendAt);
    }

    [Fact]
    public void Decide_NightClocksGoForward_EndsAtEightLocalNotTenHoursLater()
    {
        // Berlin, 28 March 2026 22:00 CET (21:00 UTC); clocks go to summer time that night, so 08:00 CEST is 06:00 UTC.
        var clock = FixedClock.At("2026-03-28T21:00:00Z");

        var decision = ContactPolicy.Decide(Facts(customerZone: "Europe/Berlin"), Now(clock));

        Assert.Equal(new DateTime(2026, 3, 29, 6, 0, 0, DateTimeKind.Utc), decision.SendAt);
    }

    [Fact]
    public void Decide_QuietHoursEndInTheSkippedHour_SendsAtTheFirstMinuteThatExists()
    {
        var rules = new ContactRules { QuarantineDays = 0, QuietHoursStart = new(22, 0), QuietHoursEnd = new(2, 30) };
        var clock = FixedClock.At("2026-03-29T00:30:00Z"); // 01:30 CET, inside the window; 02:30 does not exist that night.

        var decision = ContactPolicy.Decide(Facts(rules, customerZone: "Europe/Berlin"), Now(clock));

        Assert.Equal(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), decision.SendAt); // 03:00 CEST
    }

    [Fact]
    public void Decide_CustomerWithoutZone_UsesTheWorkspacesZone()
    {
        var clock = FixedClock.At("2026-06-10T20:30:00Z"); // 22:30 in Berlin, 16:30 in New York.

        var berlin = ContactPolicy.Decide(Facts(workspaceZone: "Europe/Berlin"), Now(clock));
        var newYork = ContactPolicy.Decide(Facts(workspaceZone: "America/New_York"), Now(clock));

        Assert.Equal(new DateTime(2026, 6, 11, 6, 0, 0, DateTimeKind.Utc), berlin.SendAt);
        Assert.Equal(Now(clock), newYork.SendAt);
    }

    [Fact]
    public void Decide_DaytimeWindow_WaitsUntilItsEndTheSameDay()
    {
        var rules = new ContactRules { QuietHoursStart = new(12, 0), QuietHoursEnd = new(14, 0) };
        var clock = FixedClock.At("2026-06-10T12:30:00Z");

        var decision = ContactPolicy.Decide(Facts(rules), Now(clock));

        Assert.Equal(new DateTime(2026, 6, 10, 14, 0, 0, DateTimeKind.Utc), decision.SendAt);
    }

    [Fact]
    public void Decide_AskedTwentyDaysAgo_SuppressedByTheWorkspaceQuarantine()
    {
        var clock = FixedClock.At("2026-06-10T12:00:00Z");

        var decision = ContactPolicy.Decide(Facts(lastAny: Now(clock).AddDays(-20)), Now(clock));

        Assert.True(decision.Suppressed);
        Assert.Contains("30 days", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_AskedThirtyOneDaysAgo_Sends()
    {
        var clock = FixedClock.At("2026-06-10T12:00:00Z");

        var decision = ContactPolicy.Decide(Facts(lastAny: Now(clock).AddDays(-31)), Now(clock));

        Assert.False(decision.Suppressed);
    }

    [Fact]
    public void Decide_SurveyQuarantineLongerThanWorkspaces_SuppressedForThisSurveyOnly()
    {
        var clock = FixedClock.At("2026-06-10T12:00:00Z");
        var rules = new ContactRules { QuarantineDays = 0, QuietHoursStart = null, QuietHoursEnd = null };

        var same = ContactPolicy.Decide(Facts(rules, lastAny: Now(clock).AddDays(-50), lastSame: Now(clock).AddDays(-50), surveyQuarantine: 90), Now(clock));
        var other = ContactPolicy.Decide(Facts(rules, lastAny: Now(clock).AddDays(-50), lastSame: null, surveyQuarantine: 90), Now(clock));

        Assert.True(same.Suppressed);
        Assert.Contains("this survey", same.Reason, StringComparison.Ordinal);
        Assert.False(other.Suppressed);
    }

    [Theory]
    [InlineData(false, null, "unsubscribed")]
    [InlineData(null, false, "does not accept email")]
    public void Decide_ConsentWithdrawn_Suppressed(bool? surveys, bool? email, string reason)
    {
        var clock = FixedClock.At("2026-06-10T12:00:00Z");

        var decision = ContactPolicy.Decide(Facts(consent: new Consent { Surveys = surveys, Email = email }), Now(clock));

        Assert.True(decision.Suppressed);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ClosedSurveyOrNoAddress_Suppressed()
    {
        var clock = FixedClock.At("2026-06-10T12:00:00Z");

        Assert.Contains("closed", ContactPolicy.Decide(Facts(status: SurveyStatus.Closed), Now(clock)).Reason, StringComparison.Ordinal);
        Assert.Contains("no email", ContactPolicy.Decide(Facts(email: null), Now(clock)).Reason, StringComparison.Ordinal);
    }
}
