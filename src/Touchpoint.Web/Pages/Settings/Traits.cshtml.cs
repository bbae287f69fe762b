using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>The trait catalogue: key, label, category, type and whether answers snapshot it for reporting.</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class TraitsModel(TouchpointDbContext db, TraitCatalogue catalogue) : PageModel
{
    public List<TraitDefinition> Traits { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public bool CanManage => User.Has(Permission.ManageSegments);

    [BindProperty(SupportsGet = true)] public string? Edit { get; set; }
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public string Category { get; set; } = "other";
    [BindProperty] public string Type { get; set; } = "text";
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public bool IsReportingTrait { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Edit is not null && await db.TraitDefinitions.AsNoTracking().FirstOrDefaultAsync(t => t.Key == Edit, ct) is { } trait)
        {
            (Key, Label, Category, Type, Description, IsReportingTrait) =
                (trait.Key, trait.Label, TraitCatalogue.Name(trait.Category), TraitCatalogue.Name(trait.Type), trait.Description, trait.IsReportingTrait);
        }
        else
        {
            Edit = null;
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var (trait, errors) = await catalogue.SaveAsync(string.IsNullOrEmpty(Edit) ? null : Edit,
            new TraitCatalogue.Input(Key, Label, Category, Type, Description, IsReportingTrait), ct);
        Errors = errors;
        if (trait is not null && errors.Count == 0)
        {
            TempData["Flash"] = $"Trait \"{trait.Key}\" saved.";
            return Redirect("/settings/traits");
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string key, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        await catalogue.DeleteAsync(key, ct);
        return Redirect("/settings/traits");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Traits = await db.TraitDefinitions.AsNoTracking().OrderBy(t => t.Key).ToListAsync(ct);
}
