using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Surveys;

/// <summary>The survey list, and a form to create one.</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class SurveysIndexModel(TouchpointDbContext db, SurveyService surveys, CurrentWorkspace current) : PageModel
{
    public sealed record Row(Guid Id, string Name, SurveyMetric Metric, SurveyStatus Status, DateTime CreatedAt, int Responses);

    public sealed record TouchPointChoice(Guid Id, string Label);

    public List<Row> Surveys { get; private set; } = [];
    public List<TouchPointChoice> TouchPoints { get; private set; } = [];
    public bool CanManage => User.Has(Permission.ManageSurveys);
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public SurveyMetric Metric { get; set; }
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public Guid? TouchPointId { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var input = new SurveyService.NewSurvey(Name, Metric, Question, null, TouchPointId);
        Errors = await surveys.ValidateAsync(input, ct);
        if (!ModelState.IsValid)
        {
            Errors["form"] = ["Some values could not be read; check the metric and touch point."];
        }

        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        var survey = await surveys.CreateAsync(input, (await current.GetAsync(ct)).Name, User.Actor(), ct);
        TempData["Flash"] = $"Survey \"{survey.Name}\" created. Share its link to start collecting answers.";
        return Redirect($"/surveys/{survey.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var counts = await db.Responses.Where(r => r.Status == Core.Feedback.ResponseStatus.Completed).GroupBy(r => r.SurveyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Surveys = (await db.Surveys.AsNoTracking().OrderByDescending(s => s.CreatedAt).ToListAsync(ct))
            .Select(s => new Row(s.Id, s.Name, s.Metric, s.Status, s.CreatedAt, counts.GetValueOrDefault(s.Id))).ToList();
        TouchPoints = await db.TouchPoints.AsNoTracking()
            .OrderBy(t => t.Stage!.Position).ThenBy(t => t.Name)
            .Select(t => new TouchPointChoice(t.Id, t.Stage!.Name + ": " + t.Name))
            .ToListAsync(ct);
    }
}
