namespace Touchpoint.Core.Platform;

/// <summary>A tenant: one company's data. Periods in analytics are cut in its time zone and week start.</summary>
public sealed class Workspace
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>IANA time zone id, e.g. "Europe/Amsterdam".</summary>
    public string TimeZone { get; set; } = "UTC";
    public DayOfWeek WeekStart { get; set; } = DayOfWeek.Monday;
    public DateTime CreatedAt { get; set; }

    /// <summary>Below this many answers no customer score is shown (a score on a handful of answers misleads).</summary>
    public int MinimumAnswers { get; set; } = Analytics.ScoreCalculator.DefaultMinimumAnswers;

    public TimeZoneInfo TimeZoneInfo =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
