using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>
/// Inboxes: where conversations arrive, who answers, how they are assigned, business hours with
/// holidays, what happens after resolution, and the widget snippet to paste into a site.
/// </summary>
[Authorize(Policy = "conversations.handle")]
internal sealed class InboxesModel(TouchpointDbContext db, TimeProvider clock) : PageModel
{
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public sealed record Option(Guid Id, string Name);

    public List<Touchpoint.Core.Conversations.Inbox> Inboxes { get; private set; } = [];
    public Touchpoint.Core.Conversations.Inbox? Editing { get; private set; }
    public List<Option> Members { get; private set; } = [];
    public List<Option> Surveys { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string Kind { get; set; } = "webChat";
    [BindProperty] public string Assignment { get; set; } = "roundRobin";
    [BindProperty] public string? Greeting { get; set; }
    [BindProperty] public string? OfflineMessage { get; set; }
    [BindProperty] public string Color { get; set; } = "#1f6feb";
    [BindProperty] public bool PreChatForm { get; set; }
    [BindProperty] public bool CsatEnabled { get; set; } = true;
    [BindProperty] public string? EmailAddress { get; set; }
    [BindProperty] public Guid? FollowUpSurveyId { get; set; }
    [BindProperty] public List<Guid> Agents { get; set; } = [];
    /// <summary>Empty means always open (when an agent is online).</summary>
    [BindProperty] public string? TimeZone { get; set; }
    /// <summary>Per weekday (monday...), "HH:mm" from and to; both empty = closed.</summary>
    [BindProperty] public Dictionary<string, string?> From { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> To { get; set; } = [];
    [BindProperty] public string? Holidays { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (id is { } editId)
        {
            Editing = Inboxes.FirstOrDefault(i => i.Id == editId);
            if (Editing is null)
            {
                return NotFound();
            }

            Fill(Editing, await db.InboxAgents.AsNoTracking().Where(a => a.InboxId == editId).Select(a => a.UserId).ToListAsync(ct));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        var inbox = id is { } editId ? await db.Inboxes.FirstOrDefaultAsync(i => i.Id == editId, ct) : null;
        if (id is not null && inbox is null)
        {
            return NotFound();
        }

        var isNew = inbox is null;
        inbox ??= new Touchpoint.Core.Conversations.Inbox
        {
            Name = "",
            WidgetKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            IdentitySecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var hours = string.IsNullOrWhiteSpace(TimeZone) ? null : new BusinessHoursInput(TimeZone.Trim(),
            Week.Select(d => d.ToString().ToLowerInvariant())
                .Where(d => !string.IsNullOrWhiteSpace(From.GetValueOrDefault(d)) || !string.IsNullOrWhiteSpace(To.GetValueOrDefault(d)))
                .ToDictionary(d => d, d => new List<SlotInput> { new(From.GetValueOrDefault(d), To.GetValueOrDefault(d)) }),
            (Holidays ?? "").Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());
        var settings = new InboxSettings(Name, Kind, Greeting, OfflineMessage, Color, PreChatForm, Assignment, hours, CsatEnabled,
            FollowUpSurveyId, string.IsNullOrWhiteSpace(EmailAddress) ? null : EmailAddress.Trim(), Agents);
        Errors = settings.ApplyTo(inbox);
        var members = await db.Memberships.Where(m => Agents.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            Editing = isNew ? null : inbox;
            return Page();
        }

        if (isNew)
        {
            db.Inboxes.Add(inbox);
        }

        var current = await db.InboxAgents.Where(a => a.InboxId == inbox.Id).ToListAsync(ct);
        db.InboxAgents.RemoveRange(current.Where(a => !members.Contains(a.UserId)));
        db.InboxAgents.AddRange(members.Distinct().Where(u => current.All(a => a.UserId != u)).Select(u => new InboxAgent { InboxId = inbox.Id, UserId = u }));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = isNew
            ? $"Inbox created. Its identity secret (for identified visitors; shown once, rotate it with the API): {inbox.IdentitySecret}"
            : "Inbox saved.";
        return RedirectToPage(new { id = inbox.Id });
    }

    public string Snippet(Touchpoint.Core.Conversations.Inbox inbox) => InboxesApi.Snippet(HttpContext, inbox);

    private void Fill(Touchpoint.Core.Conversations.Inbox inbox, List<Guid> agents)
    {
        (Name, Kind, Assignment, Greeting, OfflineMessage, Color) =
            (inbox.Name, JsonNames.Of(inbox.Kind), JsonNames.Of(inbox.Assignment), inbox.Greeting, inbox.OfflineMessage, inbox.Color);
        (PreChatForm, CsatEnabled, EmailAddress, FollowUpSurveyId, Agents) = (inbox.PreChatForm, inbox.CsatEnabled, inbox.EmailAddress, inbox.FollowUpSurveyId, agents);
        if (BusinessHoursInput.From(BusinessHours.FromJson(inbox.BusinessHours)) is { } hours)
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

    private async Task LoadAsync(CancellationToken ct)
    {
        Inboxes = await db.Inboxes.AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        Members = (await db.Memberships.AsNoTracking().Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(ct)).Select(m => new Option(m.Id, string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email ?? "" : m.DisplayName))
            .OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();
        Surveys = await db.Surveys.AsNoTracking().OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
    }
}
