using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Distribution;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Surveys;

/// <summary>A survey's distribution: its link and QR code, a form to invite customers by email, and every invitation with its delivery status.</summary>
[Authorize(Policy = "surveys.manage")]
internal sealed class SurveyInvitationsModel(TouchpointDbContext db, SurveyInviter inviter, SurveyLinks links) : PageModel
{
    public const int MaxPerForm = 500;

    public sealed record Row(SurveyInvitation Invitation, OutboxMessage? Email, OutboxMessage? Reminder);

    public Survey Survey { get; private set; } = null!;
    public string PublicUrl { get; private set; } = "";
    public List<Row> Rows { get; private set; } = [];
    public List<string> Errors { get; } = [];

    [BindProperty] public string? Emails { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var lines = (Emails ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (lines.Count == 0 || lines.Count > MaxPerForm)
        {
            Errors.Add(lines.Count == 0 ? "Write at least one email address, one per line." : $"Invite at most {MaxPerForm} addresses at once; use the API for more.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        links.Remember(PublicUrls.Base(HttpContext));
        var (sent, suppressed) = (0, 0);
        var failed = new List<string>();
        foreach (var email in lines)
        {
            var outcome = await inviter.InviteAsync(Survey, new SurveyInviter.Recipient(null, null, email, null),
                new SurveyInviter.Interaction(InvitationSource.Email, Survey.TouchPointId, Core.Journeys.Channel.Email), User.Actor(), ct);
            if (outcome.Invitation is null)
            {
                failed.Add(email);
            }
            else if (outcome.Invitation.Status == InvitationStatus.Suppressed)
            {
                suppressed++;
            }
            else
            {
                sent++;
            }
        }

        if (failed.Count > 0)
        {
            // The valid addresses are invited; only the wrong ones stay in the box to fix.
            Errors.Add($"Not email addresses: {string.Join(", ", failed)}. The others were invited.");
            Emails = string.Join('\n', failed);
            await LoadAsync(id, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["Flash"] = $"{sent} invited or scheduled, {suppressed} not sent because of contact rules or consent.";
        return Redirect($"/surveys/{id}/invitations");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return false;
        }

        Survey = survey;
        PublicUrl = PublicUrls.Survey(HttpContext, survey.LinkId);
        var invitations = await db.SurveyInvitations.AsNoTracking().Where(i => i.SurveyId == id)
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(200).ToListAsync(ct);
        var outboxIds = invitations.SelectMany(i => new[] { i.OutboxMessageId, i.ReminderOutboxMessageId }).OfType<long>().ToList();
        var emails = await db.Outbox.AsNoTracking().Where(m => outboxIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        Rows = invitations.Select(i => new Row(i, i.OutboxMessageId is { } e ? emails.GetValueOrDefault(e) : null,
            i.ReminderOutboxMessageId is { } r ? emails.GetValueOrDefault(r) : null)).ToList();
        return true;
    }
}
