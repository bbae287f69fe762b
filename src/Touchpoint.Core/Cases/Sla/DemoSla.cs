using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Sla;

/// <summary>
/// The demo workspace's SLA policies: Monday to Friday 09:00-17:00 in the workspace's time zone, so
/// a business day is eight hours. Urgent 1 h / 8 h, high 4 h / 2 days, normal 1 day / 5 days,
/// low 2 days / 10 days; urgent and high cases escalate to the admin on a breach.
/// </summary>
public static class DemoSla
{
    private const int BusinessDay = 8 * 60;

    public static void Add(TouchpointDbContext db, Workspace workspace, Guid adminId, DateTime now)
    {
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var hours = new BusinessHours(workspace.TimeZone,
            weekdays.ToDictionary(d => d, _ => new List<OpeningSlot> { new(new TimeOnly(9, 0), new TimeOnly(17, 0)) }), []).ToJson();
        (CasePriority Priority, int FirstResponse, int Resolution, bool Escalate)[] targets =
        [
            (CasePriority.Urgent, 60, BusinessDay, true),
            (CasePriority.High, 4 * 60, 2 * BusinessDay, true),
            (CasePriority.Normal, BusinessDay, 5 * BusinessDay, false),
            (CasePriority.Low, 2 * BusinessDay, 10 * BusinessDay, false),
        ];
        foreach (var (priority, firstResponse, resolution, escalate) in targets)
        {
            db.SlaPolicies.Add(new SlaPolicy
            {
                WorkspaceId = workspace.Id,
                Priority = priority,
                FirstResponseMinutes = firstResponse,
                ResolutionMinutes = resolution,
                WarnAtPercent = 80,
                BusinessHours = hours,
                EscalateToUserId = escalate ? adminId : null,
                UpdatedAt = now,
            });
        }
    }
}
