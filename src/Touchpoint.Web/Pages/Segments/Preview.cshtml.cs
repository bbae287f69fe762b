using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Segments;

namespace Touchpoint.Web.Pages.Segments;

/// <summary>The rule builder's live count: checks and compiles the rule, answers {count} or {errors}.</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class SegmentPreviewModel(SegmentRuleValidator validator, SegmentService segments) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(string? rule, Guid? self, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var json = RuleBuilderView.Parse(rule, errors);
        if (errors.Count > 0)
        {
            return new JsonResult(new { errors });
        }

        var result = await validator.CheckAsync(json, "rule", self, ct);
        return result.IsValid
            ? new JsonResult(new { count = await segments.PreviewAsync(result.Rule!, ct) })
            : new JsonResult(new { errors = result.Errors });
    }
}
