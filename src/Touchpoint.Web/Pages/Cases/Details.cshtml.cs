using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Cases;
using Touchpoint.Web.Cases.Work;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Pages.Cases;

/// <summary>
/// One case: the customer's context, the feedback that opened it, its history, the forms to work it
/// (note, change, contact, resolve, reopen, close) and the panels other parts register (SLA clocks,
/// remedies). Every form sends the version the page showed, so a change made meanwhile by someone
/// else is refused with a message instead of being overwritten. Razor encodes every value shown.
/// </summary>
[Authorize(Policy = "feedback.view")]
internal sealed class CaseDetailsModel(TouchpointDbContext db, CaseWork work, CaseContact contact, CaseFollowUp followUp, CaseViews views,
    CustomerTimeline timeline, IEnumerable<CasePanel> panels) : PageModel
{
    public sealed record Option(Guid Id, string Name);

    public sealed record MessageView(string Author, string Body, DateTime At);

    public CaseDto Case { get; private set; } = null!;
    public CustomerProfile? Profile { get; private set; }
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    public Dictionary<string, TextAnalysisDto> Analyses { get; private set; } = [];
    public List<MessageView> Messages { get; private set; } = [];
    public List<Option> Members { get; private set; } = [];
    public List<Option> Teams { get; private set; } = [];
    public List<Option> Surveys { get; private set; } = [];
    public IReadOnlyList<CasePanel> Panels { get; } = panels.OrderBy(p => p.Order).ToList();
    public bool CanAct { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Refusal { get; private set; }

    [BindProperty] public Guid? Version { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Priority { get; set; }
    [BindProperty] public Guid? OwnerId { get; set; }
    [BindProperty] public Guid? TeamId { get; set; }
    [BindProperty] public string? RootCause { get; set; }
    [BindProperty] public string? ResolutionCode { get; set; }
    [BindProperty] public Guid? FollowUpSurveyId { get; set; }

    public async Task<IActionResult> OnGetAsync(int number, CancellationToken ct) =>
        await LoadAsync(number, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostNoteAsync(int number, CancellationToken ct) =>
        ActAsync(number, "Note added.", (id, actor) => work.NoteAsync(id, Body, actor, ct), ct);

    public Task<IActionResult> OnPostChangeAsync(int number, CancellationToken ct) =>
        ActAsync(number, "Case updated.", (id, actor) =>
        {
            var status = Enum.TryParse<CaseStatus>(Status, ignoreCase: true, out var s) ? s : (CaseStatus?)null;
            var priority = Enum.TryParse<CasePriority>(Priority, ignoreCase: true, out var p) ? p : (CasePriority?)null;
            return work.ChangeAsync(id, new CaseChange(Status: status, Priority: priority, SetOwner: true, OwnerId: OwnerId, SetTeam: true, TeamId: TeamId),
                Version, actor, ct);
        }, ct);

    public Task<IActionResult> OnPostContactAsync(int number, CancellationToken ct) =>
        ActAsync(number, "Email queued to the customer.", (id, actor) => contact.ContactAsync(id, Subject, Body, actor, ct), ct);

    public Task<IActionResult> OnPostResolveAsync(int number, CancellationToken ct) =>
        ActAsync(number, "Case resolved.", async (id, actor) =>
        {
            if (FollowUpSurveyId is { } survey && await followUp.CheckAsync(id, survey, ct) is { Count: > 0 } refused)
            {
                return new CaseResult(CaseOutcome.Invalid, Errors: refused);
            }

            var result = await work.ResolveAsync(id, RootCause, ResolutionCode, Note, Version, actor, ct);
            return result.Outcome == CaseOutcome.Applied && FollowUpSurveyId is { } surveyId ? await followUp.SendAsync(id, surveyId, actor, ct) : result;
        }, ct);

    public Task<IActionResult> OnPostReopenAsync(int number, CancellationToken ct) =>
        ActAsync(number, "Case reopened.", (id, actor) => work.ReopenAsync(id, Note, Version, actor, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(int number, CancellationToken ct) =>
        ActAsync(number, "Case closed.", (id, actor) => work.CloseAsync(id, Note, Version, actor, ct), ct);

    private async Task<IActionResult> ActAsync(int number, string done, Func<Guid, CaseActor, Task<CaseResult>> act, CancellationToken ct)
    {
        if (!User.Has(Permission.HandleCases))
        {
            return Forbid();
        }

        var found = await db.Cases.AsNoTracking().Where(c => c.Number == number).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (found is not { } id)
        {
            return NotFound();
        }

        var result = await act(id, await CasesApi.ActorAsync(User, work, ct));
        if (result.Outcome == CaseOutcome.Applied)
        {
            TempData["Flash"] = done;
            return Redirect($"/cases/{number}");
        }

        (Response.StatusCode, Refusal) = result.Outcome switch
        {
            CaseOutcome.Stale => (StatusCodes.Status409Conflict, "Someone else changed this case while you were looking at it. Here it is as it is now: check it, then do it again."),
            CaseOutcome.Conflict => (StatusCodes.Status409Conflict, result.Errors!.Values.First()[0]),
            CaseOutcome.NotFound => (StatusCodes.Status404NotFound, "This case no longer exists."),
            _ => (StatusCodes.Status400BadRequest, "Some fields need fixing."),
        };
        Errors = result.Errors ?? [];
        await LoadAsync(number, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int number, CancellationToken ct)
    {
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Number == number, ct);
        if (found is null)
        {
            return false;
        }

        CanAct = User.Has(Permission.HandleCases);
        Case = await views.DtoAsync(found, withHistory: true, ct);
        if (found.CustomerId is { } customerId && await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct) is { } customer)
        {
            Profile = await CustomerProfile.LoadAsync(db, customer, ct);
            Timeline = (await timeline.ReadAsync(customerId, null, 8, kinds: null, ct)).Items;
        }

        if (found.ResponseId is { } responseId)
        {
            Analyses = StoredAnalyses.ByField((await StoredAnalyses.ForResponsesAsync(db, [responseId], ct)).GetValueOrDefault(responseId));
        }

        if (found.ConversationId is { } conversationId)
        {
            var names = await views.UserNamesAsync(await db.ConversationMessages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.AuthorUserId != null).Select(m => m.AuthorUserId!.Value).Distinct().ToListAsync(ct), ct);
            Messages = (await db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId && !m.Private)
                    .OrderByDescending(m => m.Seq).Take(6).ToListAsync(ct))
                .OrderBy(m => m.Seq)
                .Select(m => new MessageView(m.Author switch
                {
                    MessageAuthor.Customer => Case.Customer?.Name ?? "Customer",
                    MessageAuthor.Agent => m.AuthorUserId is { } u ? names.GetValueOrDefault(u) ?? "Agent" : "Agent",
                    _ => "Touchpoint",
                }, m.Body, m.CreatedAt)).ToList();
        }

        if (CanAct)
        {
            var members = await db.Memberships.AsNoTracking().Select(m => m.UserId).ToListAsync(ct);
            Members = (await views.UserNamesAsync(members, ct)).Select(n => new Option(n.Key, n.Value)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();
            Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
            Surveys = await db.Surveys.AsNoTracking().OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
        }

        return true;
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
