using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>
/// A dashboard's period as local dates of the workspace (first and last day, inclusive) and as the UTC
/// instants they begin and end at, with the period it is compared with. Whole local days, so the
/// drill-down to the responses page (which takes dates) covers exactly the same answers.
/// </summary>
public sealed record DashboardRange(DateOnly FirstDay, DateOnly LastDay, DateTime FromUtc, DateTime ToUtc, DashboardRange? Comparison)
{
    public static DashboardRange Resolve(Workspace workspace, DashboardFilter filter, DateTimeOffset now)
    {
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var today = calendar.LocalDate(now.UtcDateTime);
        var (first, last) = filter.IsCustomPeriod ? (filter.From!.Value, filter.To!.Value) : (today.AddDays(1 - filter.Days), today);
        var length = last.DayNumber - first.DayNumber + 1;
        DashboardRange? comparison = filter.Compare switch
        {
            ComparePeriod.Previous => Of(calendar, first.AddDays(-length), first.AddDays(-1), null),
            ComparePeriod.LastYear => Of(calendar, first.AddYears(-1), last.AddYears(-1), null),
            _ => null,
        };
        return Of(calendar, first, last, comparison);
    }

    private static DashboardRange Of(PeriodCalendar calendar, DateOnly first, DateOnly last, DashboardRange? comparison) =>
        new(first, last, calendar.StartOfDayUtc(first), calendar.StartOfDayUtc(last.AddDays(1)), comparison);
}
