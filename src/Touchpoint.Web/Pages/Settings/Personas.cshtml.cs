using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Pages.Segments;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>Personas in priority order with their customer counts, and a form (with the rule builder) to add or change one.</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class PersonasModel(TouchpointDbContext db, PersonaService personas) : PageModel
{
    public sealed record Row(Persona Persona, int Customers);

    public List<Row> Rows { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public RuleBuilderView Builder { get; private set; } = null!;
    public bool CanManage => User.Has(Permission.ManageSegments);

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public int Priority { get; set; } = 100;
    [BindProperty] public string? Rule { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id && await db.Personas.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } persona)
        {
            (Name, Description, Priority, Rule) = (persona.Name, persona.Description, persona.Priority, RuleBuilderView.Pretty(persona.Rule));
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var rule = RuleBuilderView.Parse(Rule, Errors);
        if (Errors.Count == 0)
        {
            var (persona, errors) = await personas.SaveAsync(Id, new PersonaService.Input(Name, Description, Priority, rule), ct);
            Errors = errors;
            if (persona is not null && errors.Count == 0)
            {
                TempData["Flash"] = $"Persona \"{persona.Name}\" saved; every customer's persona was recomputed.";
                return Redirect("/settings/personas");
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        await personas.DeleteAsync(id, ct);
        TempData["Flash"] = "Persona deleted.";
        return Redirect("/settings/personas");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var counts = await db.Customers.Where(c => c.PersonaId != null).GroupBy(c => c.PersonaId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        Rows = (await db.Personas.AsNoTracking().OrderBy(p => p.Priority).ThenBy(p => p.Name).ToListAsync(ct))
            .Select(p => new Row(p, counts.GetValueOrDefault(p.Id))).ToList();
        Builder = await RuleBuilderView.CreateAsync(db, nameof(Rule), Rule, null, ct);
    }
}
