using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Analytics.Dashboards.Digests;

/// <summary>
/// When a digest is due and what it covers, in the workspace's zone: a daily digest from its local hour
/// covers yesterday; a weekly one, from its local hour on the week start, covers the 7 days before.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The period due at <paramref name="now"/>, or null when none is (before the hour, or not the week start).</summary>
    public static (string Key, DateOnly First, DateOnly Last)? Due(Workspace workspace, DigestSubscription subscription, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, workspace.TimeZoneInfo);
        var today = DateOnly.FromDateTime(local.DateTime);
        if (local.Hour < subscription.LocalHour)
        {
            return null;
        }

        if (subscription.Frequency == DigestFrequency.Daily)
        {
            var day = today.AddDays(-1);
            return ($"daily:{day:yyyy-MM-dd}", day, day);
        }

        if (today.DayOfWeek != workspace.WeekStart)
        {
            return null;
        }

        return ($"weekly:{today.AddDays(-7):yyyy-MM-dd}", today.AddDays(-7), today.AddDays(-1));
    }
}
