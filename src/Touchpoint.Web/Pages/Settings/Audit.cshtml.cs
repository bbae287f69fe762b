using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>The workspace's audit trail, newest first.</summary>
[Authorize(Policy = "workspace.manage")]
internal sealed class AuditModel(TouchpointDbContext db) : PageModel
{
    private const int PageSize = 100;

    public List<AuditEntry> Entries { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? cursor, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (Cursor.TryDecode(cursor, out var after) && after > 0)
        {
            query = query.Where(a => a.Id < after);
        }

        Entries = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        if (Entries.Count > PageSize)
        {
            Entries.RemoveAt(PageSize);
            NextCursor = Cursor.Encode(Entries[^1].Id);
        }
    }
}
