using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Cases.Sla;
using Touchpoint.Web.Conversations;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>
/// Settings > SLA: one row per priority (targets, warning point, escalation) and the business hours
/// with holidays the targets count in. The same checks as PUT /api/v1/sla-policies.
/// </summary>
[Authorize(Policy = "cases.manage")]
internal sealed class SlaModel(TouchpointDbContext db, SlaPolicyStore store) : PageModel
{
    public static readonly CasePriority[] Priorities = [CasePriority.Urgent, CasePriority.High, CasePriority.Normal, CasePriority.Low];

    public sealed record Option(Guid Id, string Name);

    public List<Option> Members { get; private set; } = [];
    public List<string> Errors { get; } = [];

    /// <summary>Per priority key ("urgent" ...): the row's fields as typed.</summary>
    [BindProperty] public Dictionary<string, bool> Enabled { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> FirstResponse { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> FirstResponseUnit { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Resolution { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> ResolutionUnit { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> WarnAt { get; set; } = [];
    [BindProperty] public Dictionary<string, bool> UseHours { get; set; } = [];
    [BindProperty] public Dictionary<string, Guid?> EscalateTo { get; set; } = [];
    [BindProperty] public Dictionary<string, bool> Reassign { get; set; } = [];

    /// <summary>The business hours the rows with "business hours" count in.</summary>
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public Dictionary<string, string?> From { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> To { get; set; } = [];
    [BindProperty] public string? Holidays { get; set; }

    public static string Key(CasePriority priority) => JsonNames.Of(priority);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadMembersAsync(ct);
        var policies = await store.ListAsync(ct);
        TimeZone = (await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == User.WorkspaceId(), ct)).TimeZone;
        foreach (var policy in policies)
        {
            var key = Key(policy.Priority);
            Enabled[key] = true;
            (FirstResponse[key], FirstResponseUnit[key]) = Split(policy.FirstResponseMinutes);
            (Resolution[key], ResolutionUnit[key]) = Split(policy.ResolutionMinutes);
            WarnAt[key] = policy.WarnAtPercent.ToString(CultureInfo.InvariantCulture);
            UseHours[key] = policy.BusinessHours is not null;
            EscalateTo[key] = policy.EscalateToUserId;
            Reassign[key] = policy.ReassignOnBreach;
        }

        if (policies.Select(p => BusinessHoursInput.From(BusinessHours.FromJson(p.BusinessHours))).FirstOrDefault(h => h is not null) is { } hours)
        {
            TimeZone = hours.TimeZone;
            foreach (var (day, slots) in hours.Days ?? [])
            {
                From[day] = slots.FirstOrDefault()?.From;
                To[day] = slots.FirstOrDefault()?.To;
            }

            Holidays = string.Join("\n", hours.Holidays ?? []);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var hours = new BusinessHoursInput(TimeZone?.Trim(),
            InboxesModel.Week.Select(d => d.ToString().ToLowerInvariant())
                .Where(d => !string.IsNullOrWhiteSpace(From.GetValueOrDefault(d)) || !string.IsNullOrWhiteSpace(To.GetValueOrDefault(d)))
                .ToDictionary(d => d, d => new List<SlotInput> { new(From.GetValueOrDefault(d), To.GetValueOrDefault(d)) }),
            (Holidays ?? "").Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());
        var rows = Priorities.Where(p => Enabled.GetValueOrDefault(Key(p))).ToList();
        var inputs = new List<SlaPolicyInput?>();
        foreach (var priority in rows)
        {
            var key = Key(priority);
            inputs.Add(new SlaPolicyInput(key,
                Minutes(FirstResponse.GetValueOrDefault(key), FirstResponseUnit.GetValueOrDefault(key), $"{priority}: first response"),
                Minutes(Resolution.GetValueOrDefault(key), ResolutionUnit.GetValueOrDefault(key), $"{priority}: resolution"),
                Whole(WarnAt.GetValueOrDefault(key), $"{priority}: warn at") ?? 80,
                UseHours.GetValueOrDefault(key) ? hours : null,
                EscalateTo.GetValueOrDefault(key), Reassign.GetValueOrDefault(key)));
        }

        var errors = new Dictionary<string, string[]>();
        var policies = SlaPolicyInput.Check(inputs, await store.MembersAsync(ct), errors);
        foreach (var (field, messages) in errors)
        {
            // "policies[2].warnAtPercent" reads as "Normal: warnAtPercent".
            var index = int.Parse(field.AsSpan(9, field.IndexOf(']', StringComparison.Ordinal) - 9), CultureInfo.InvariantCulture);
            Errors.Add($"{rows[index]}: {messages[0]}");
        }

        if (Errors.Count > 0 || policies is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadMembersAsync(ct);
            return Page();
        }

        await store.ReplaceAsync(policies, User.Actor(), ct);
        TempData["Flash"] = "SLA policies saved. New cases, and cases whose priority changes, get these targets.";
        return Redirect("/settings/sla");
    }

    private int? Minutes(string? value, string? unit, string label)
    {
        if (Whole(value, label) is not { } amount)
        {
            return null;
        }

        return unit == "hours" ? amount * 60 : amount;
    }

    private int? Whole(string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed <= SlaPolicyInput.MaxMinutes)
        {
            return parsed;
        }

        Errors.Add($"{label}: write a whole number, such as 8.");
        return null;
    }

    private static (string Amount, string Unit) Split(int minutes) => minutes % 60 == 0
        ? ((minutes / 60).ToString(CultureInfo.InvariantCulture), "hours")
        : (minutes.ToString(CultureInfo.InvariantCulture), "minutes");

    private async Task LoadMembersAsync(CancellationToken ct) =>
        Members = (await db.Memberships.AsNoTracking().Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email })
                .ToListAsync(ct))
            .Select(m => new Option(m.Id, string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email ?? "" : m.DisplayName))
            .OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();
}
