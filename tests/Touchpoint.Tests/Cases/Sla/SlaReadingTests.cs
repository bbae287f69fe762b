using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Sla;
using Touchpoint.Core.Conversations;

namespace Touchpoint.Tests.Cases.Sla;

public sealed class SlaReadingTests
{
    private static readonly DateTime Opened = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);   // Monday 09:00 Berlin

    private static readonly BusinessClock Office = new(new BusinessHours("Europe/Berlin",
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => new List<OpeningSlot> { new(new TimeOnly(9, 0), new TimeOnly(17, 0)) }), []));

    private static Case NewCase() => new()
    {
        Title = "Late delivery",
        ReplyToken = "t",
        CreatedAt = Opened,
        FirstResponseDueAt = Opened.AddHours(2),
        ResolutionDueAt = Opened.AddHours(8),
    };

    [Fact]
    public void Reading_DuringBusinessHours_RunsWithTheBusinessTimeLeft()
    {
        var readings = SlaReading.Of(NewCase(), Office, Opened.AddMinutes(30));

        Assert.Equal([SlaState.Running, SlaState.Running], readings.Select(r => r.State));
        Assert.Equal(TimeSpan.FromMinutes(90), readings[0].Remaining);
        // It pauses at 17:00 Berlin.
        Assert.Equal(Opened.AddHours(8), readings[0].ChangesAt);
    }

    [Fact]
    public void Reading_AtNight_IsPausedUntilTheNextOpening()
    {
        var found = NewCase();
        found.ResolutionDueAt = Opened.AddDays(1).AddHours(4);   // Tuesday 13:00 Berlin

        var reading = SlaReading.Of(found, Office, Opened.AddHours(12)).Single(r => r.Target == SlaTarget.Resolution);

        Assert.Equal(SlaState.Paused, reading.State);
        Assert.Equal(TimeSpan.FromHours(4), reading.Remaining);
        Assert.Equal(Opened.AddDays(1), reading.ChangesAt);
    }

    [Fact]
    public void Reading_ContactBeforeTheTarget_IsMet_AfterIt_IsMissed()
    {
        var met = NewCase();
        met.FirstContactAt = Opened.AddMinutes(30);
        var missed = NewCase();
        missed.FirstContactAt = Opened.AddHours(3);

        Assert.Equal(SlaState.Met, SlaReading.Of(met, Office, Opened.AddHours(5))[0].State);
        var late = SlaReading.Of(missed, Office, Opened.AddHours(5))[0];
        Assert.Equal(SlaState.Breached, late.State);
        Assert.Equal(TimeSpan.FromHours(-1), late.Remaining);
    }

    [Fact]
    public void Badge_IsTheWorstOfTheTargets()
    {
        var found = NewCase();
        Assert.Equal(SlaBadge.OnTrack, SlaBadges.Of(found, Opened.AddMinutes(10)));
        found.SlaWarnedAt = Opened.AddMinutes(100);
        Assert.Equal(SlaBadge.AtRisk, SlaBadges.Of(found, Opened.AddMinutes(100)));
        Assert.Equal(SlaBadge.Breached, SlaBadges.Of(found, Opened.AddHours(3)));
        found.FirstContactAt = Opened.AddMinutes(30);
        found.Status = CaseStatus.Resolved;
        found.ResolvedAt = Opened.AddHours(1);
        Assert.Equal(SlaBadge.Met, SlaBadges.Of(found, Opened.AddDays(3)));
        Assert.Equal(SlaBadge.None, SlaBadges.Of(new Case { Title = "x", ReplyToken = "y" }, Opened));
    }
}
