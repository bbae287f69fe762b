using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Surveys.Distribution;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>The workspace's quarantine and quiet hours (the same rules as PUT /api/v1/contact-rules).</summary>
[Authorize(Policy = "surveys.manage")]
internal sealed class ContactRulesModel(TouchpointDbContext db, WorkspaceScope scope, AuditLog audit, TimeProvider clock) : PageModel
{
    public Dictionary<string, string[]> Errors { get; } = [];

    [BindProperty] public string? QuarantineDays { get; set; }
    [BindProperty] public string? QuietHoursStart { get; set; }
    [BindProperty] public string? QuietHoursEnd { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rules = await db.ContactRules.AsNoTracking().FirstOrDefaultAsync(ct) ?? new ContactRules();
        QuarantineDays = rules.QuarantineDays?.ToString(CultureInfo.InvariantCulture);
        QuietHoursStart = rules.QuietHoursStart?.ToString("HH:mm", CultureInfo.InvariantCulture);
        QuietHoursEnd = rules.QuietHoursEnd?.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        int? days = null;
        if (!string.IsNullOrWhiteSpace(QuarantineDays))
        {
            if (int.TryParse(QuarantineDays, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                days = parsed;
            }
            else
            {
                Errors["quarantineDays"] = ["Write the quarantine as a whole number of days from 0 to 365."];
            }
        }

        var start = Time(QuietHoursStart, "quietHoursStart");
        var end = Time(QuietHoursEnd, "quietHoursEnd");
        var input = ContactRulesApi.Check(days, start, end, Errors);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await ContactRulesApi.SaveAsync(db, audit, scope, clock, input, User.Actor(), ct);
        TempData["Flash"] = "Contact rules saved.";
        return Redirect("/settings/contact-rules");
    }

    private TimeOnly? Time(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Browsers send "HH:mm", some with seconds.
        if (TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return new TimeOnly(time.Hour, time.Minute);
        }

        Errors[field] = ["Write the time as HH:mm on a 24-hour clock, such as 21:00."];
        return null;
    }
}
