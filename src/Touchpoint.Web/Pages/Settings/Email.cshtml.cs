using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>Delivery status of the workspace's emails.</summary>
[Authorize(Policy = "workspace.manage")]
internal sealed class EmailOutboxModel(TouchpointDbContext db, WorkspaceScope scope, IOptions<SmtpOptions> smtp) : PageModel
{
    public List<OutboxMessage> Messages { get; private set; } = [];
    public bool UsingPickupFolder => string.IsNullOrWhiteSpace(smtp.Value.Host);
    public string PickupFolder => smtp.Value.PickupDirectory;

    public async Task OnGetAsync(CancellationToken ct) =>
        // The outbox is not workspace-filtered (password resets belong to no workspace): filter here.
        // Webhook deliveries share the outbox and are listed under Settings > Webhooks.
        Messages = await db.Outbox.AsNoTracking().Where(m => m.WorkspaceId == scope.WorkspaceId && m.Kind != Touchpoint.Core.Platform.WebhookSender.Kind)
            .OrderByDescending(m => m.Id).Take(200).ToListAsync(ct);
}
