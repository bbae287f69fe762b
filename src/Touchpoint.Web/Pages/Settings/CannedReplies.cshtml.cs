using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>Saved answers agents insert in the inbox by typing "/" and the shortcut.</summary>
[Authorize(Policy = "conversations.handle")]
internal sealed class CannedRepliesModel(TouchpointDbContext db, TimeProvider clock) : PageModel
{
    public List<CannedReply> Replies { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty] public Guid? ReplyId { get; set; }
    [BindProperty] public string? Shortcut { get; set; }
    [BindProperty] public string? Body { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Replies = await db.CannedReplies.AsNoTracking().OrderBy(r => r.Shortcut).ToListAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var reply = ReplyId is { } id ? await db.CannedReplies.FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        if (ReplyId is not null && reply is null)
        {
            return NotFound();
        }

        Errors = CannedRepliesApi.Validate(new CannedRepliesApi.CannedReplyRequest(Shortcut, Body));
        var shortcut = Shortcut?.Trim().TrimStart('/') ?? "";
        if (Errors.Count == 0 && await db.CannedReplies.AnyAsync(r => r.Shortcut == shortcut && r.Id != ReplyId, ct))
        {
            Errors["shortcut"] = [$"/{shortcut} is taken by another canned reply; pick another shortcut or edit that one."];
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await OnGetAsync(ct);
            return Page();
        }

        if (reply is null)
        {
            reply = new CannedReply { Shortcut = shortcut, Body = Body!, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.CannedReplies.Add(reply);
        }

        reply.Shortcut = shortcut;
        reply.Body = Body!;
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        await db.CannedReplies.Where(r => r.Id == ReplyId).ExecuteDeleteAsync(ct);
        return RedirectToPage();
    }
}
