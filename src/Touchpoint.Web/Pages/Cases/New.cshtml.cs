using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Data;
using Touchpoint.Web.Cases.Work;

namespace Touchpoint.Web.Pages.Cases;

/// <summary>
/// "Open a case" from a response, a conversation or a customer (or from nothing): the form comes
/// pre-filled, with a title from the feedback and the customer linked, and opens the case by hand.
/// </summary>
[Authorize(Policy = "cases.handle")]
internal sealed class NewCaseModel(TouchpointDbContext db, CaseCreation creation) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? ResponseId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? ConversationId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CustomerId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Priority { get; set; }
    [BindProperty] public bool AssignToMe { get; set; } = true;

    public string? CustomerName { get; private set; }
    public string? Source { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await DescribeAsync(ct);
        if (ResponseId is { } responseId && await db.Responses.AsNoTracking().Where(r => r.Id == responseId)
                .Select(r => new { r.Metric, r.Score, r.Comment, r.CustomerId }).FirstOrDefaultAsync(ct) is { } response)
        {
            Title = Cut($"{response.Metric.ToString().ToUpperInvariant()} {response.Score}: {FirstLine(response.Comment) ?? "follow up on this answer"}");
            Description = response.Comment;
        }
        else if (ConversationId is { } conversationId && await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
                     .Select(c => new { c.Subject, c.ContactName }).FirstOrDefaultAsync(ct) is { } conversation)
        {
            Title = Cut(conversation.Subject ?? $"Follow up on the conversation with {conversation.ContactName ?? "the customer"}");
        }
        else if (CustomerName is not null)
        {
            Title = Cut($"Follow up with {CustomerName}");
        }

        Priority = nameof(CasePriority.Normal);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var priority = Enum.TryParse<CasePriority>(Priority, ignoreCase: true, out var p) ? p : (CasePriority?)null;
        var actor = await CasesApi.ActorAsync(User, creation.Work, ct);
        var opened = await creation.OpenAsync(new CaseCreation.Input(Title, Description, priority, CustomerId, ResponseId, ConversationId,
            AssignToMe ? actor.UserId : null), CaseSource.Manual, actor, Errors, ct);
        if (opened is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await DescribeAsync(ct);
            return Page();
        }

        TempData["Flash"] = $"Case {opened.Number} opened.";
        return Redirect($"/cases/{opened.Number}");
    }

    private async Task DescribeAsync(CancellationToken ct)
    {
        var customerId = CustomerId
            ?? (ResponseId is { } r ? await db.Responses.AsNoTracking().Where(x => x.Id == r).Select(x => x.CustomerId).FirstOrDefaultAsync(ct) : null)
            ?? (ConversationId is { } c ? await db.Conversations.AsNoTracking().Where(x => x.Id == c).Select(x => x.CustomerId).FirstOrDefaultAsync(ct) : null);
        CustomerName = customerId is { } id
            ? await db.Customers.AsNoTracking().Where(x => x.Id == id).Select(x => x.Name ?? x.Email ?? x.ExternalId).FirstOrDefaultAsync(ct)
            : null;
        Source = ResponseId is not null ? $"response {ResponseId}" : ConversationId is not null ? "a conversation" : null;
    }

    private static string? FirstLine(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Split('\n', 2)[0];

    private static string Cut(string text) => text.Length > CaseLimits.MaxTitleLength ? text[..(CaseLimits.MaxTitleLength - 1)] + "…" : text;
}
