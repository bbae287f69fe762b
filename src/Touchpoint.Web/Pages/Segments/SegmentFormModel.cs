using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;

namespace Touchpoint.Web.Pages.Segments;

/// <summary>What the new and edit pages share: the form fields, their errors and the rule builder.</summary>
internal abstract class SegmentFormModel(TouchpointDbContext db) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string Kind { get; set; } = "dynamic";
    [BindProperty] public string? Rule { get; set; }

    public Dictionary<string, string[]> Errors { get; protected set; } = [];
    public RuleBuilderView Builder { get; private set; } = null!;
    public abstract bool IsNew { get; }
    protected TouchpointDbContext Db => db;

    protected async Task LoadBuilderAsync(Guid? self, CancellationToken ct) =>
        Builder = await RuleBuilderView.CreateAsync(db, nameof(Rule), Rule, self, ct);

    /// <summary>The form's values as the service takes them; the rule only for dynamic segments.</summary>
    protected SegmentService.Input Input()
    {
        var rule = Kind == "static" ? null : RuleBuilderView.Parse(Rule, Errors);
        return new SegmentService.Input(Name, Description, Kind, rule);
    }
}
