using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>Add (secret shown once), list and delete webhooks; see what was delivered to them.</summary>
[Authorize(Policy = "workspace.manage")]
internal sealed class WebhooksModel(WebhookService webhooks) : PageModel
{
    public List<Webhook> Webhooks { get; private set; } = [];
    public List<WebhookService.Delivery> Deliveries { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string? NewSecret { get; private set; }

    [BindProperty] public string WebhookUrl { get; set; } = "";
    [BindProperty] public List<string> Events { get; set; } = [WebhookEvents.ResponseCompleted];
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public Guid WebhookId { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The secret travels once from the POST to this GET inside encrypted TempData, then is gone.
        NewSecret = TempData["NewWebhookSecret"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        Errors.AddRange(WebhookService.Validate(WebhookUrl, Events, Description).Values.SelectMany(m => m));
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        var created = await webhooks.CreateAsync(WebhookUrl, Events, Description, User.Actor(), ct);
        TempData["NewWebhookSecret"] = created.Secret;
        return Redirect("/settings/webhooks");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        TempData["Flash"] = await webhooks.DeleteAsync(WebhookId, User.Actor(), ct)
            ? "Webhook deleted. Deliveries still waiting for it will not be sent."
            : "That webhook was already deleted.";
        return Redirect("/settings/webhooks");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Webhooks = await webhooks.ListAsync(ct);
        Deliveries = await webhooks.RecentDeliveriesAsync(take: 50, ct: ct);
    }
}
