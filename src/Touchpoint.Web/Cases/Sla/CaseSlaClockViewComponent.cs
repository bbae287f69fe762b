using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Sla;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Cases.Sla;

/// <summary>
/// The case page's SLA panel: each target with its due time in the workspace's time zone, the business
/// time left (or how late it is), and met or breached; server-rendered, then ticking in the browser.
/// Public because MVC only discovers public view components.
/// </summary>
[ViewComponent(Name = "CaseSlaClock")]
public sealed class CaseSlaClockViewComponent(TouchpointDbContext db, WorkspaceScope scope, TimeProvider clock) : ViewComponent
{
    public sealed record TargetView(string Label, string DueLocal, SlaState State, long RemainingSeconds, long? ChangesAtMs, string Text);

    public sealed record ClockView(Guid CaseId, IReadOnlyList<TargetView> Targets, string Zone, string? EscalatesTo, bool ReassignsOnBreach, bool Escalated);

    public async Task<IViewComponentResult> InvokeAsync(Guid caseId)
    {
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId);
        if (found is null)
        {
            return Content("");
        }

        var policy = found.SlaPolicyId is { } id ? await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) : null;
        var zone = (await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == scope.WorkspaceId)).TimeZoneInfo;
        var now = clock.GetUtcNow().UtcDateTime;
        var readings = SlaReading.Of(found, BusinessClock.FromJson(policy?.BusinessHours), now);
        var escalatesTo = policy?.EscalateToUserId is { } person
            ? await db.Users.AsNoTracking().Where(u => u.Id == person).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync()
            : null;
        var targets = readings.Select(r => new TargetView(
            r.Target == SlaTarget.FirstResponse ? "First response" : "Resolution",
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(r.DueAt, DateTimeKind.Utc), zone).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture),
            r.State,
            (long)r.Remaining.TotalSeconds,
            r.ChangesAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds() : null,
            Describe(r))).ToList();
        return View("/Pages/Cases/Sla/_CaseSlaClock.cshtml",
            new ClockView(found.Id, targets, zone.Id, escalatesTo, policy?.ReassignOnBreach == true, found.EscalatedAt is not null));
    }

    /// <summary>The same words the browser script writes as the clock ticks.</summary>
    public static string Describe(SlaReading reading) => reading.State switch
    {
        SlaState.Met => $"Met, {Span(reading.Remaining)} before the target",
        SlaState.Breached when reading.DoneAt is not null => $"Missed by {Span(-reading.Remaining)}",
        SlaState.Breached => $"Overdue by {Span(-reading.Remaining)} of business time",
        SlaState.Paused => $"{Span(reading.Remaining)} of business time left (paused outside business hours)",
        _ => $"{Span(reading.Remaining)} of business time left",
    };

    /// <summary>"2d 3h", "3h 05m", "12m": business time in the largest units that matter.</summary>
    public static string Span(TimeSpan span)
    {
        var minutes = (long)Math.Floor(Math.Abs(span.TotalMinutes));
        var (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        return days > 0 ? $"{days}d {hours}h" : hours > 0 ? $"{hours}h {mins:00}m" : $"{mins}m";
    }
}
