using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Core.Surveys.Import;
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

    [BindProperty] public string? ImportName { get; set; }
    [BindProperty] public string? ImportJson { get; set; }
    public Dictionary<string, string[]> ImportErrors { get; private set; } = [];

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

    /// <summary>Creates a survey from SurveyJS JSON and opens it in the builder, saying what was skipped.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(ImportJson ?? "");
        }
        catch (JsonException)
        {
            ImportErrors["json"] = ["This is not valid JSON: paste the whole survey JSON from SurveyJS."];
        }

        if (json is not null)
        {
            var imported = SurveyJsImporter.Import(json);
            ImportErrors = imported.Errors;
            if (imported.Definition is { } definition)
            {
                ImportErrors = DefinitionValidator.Validate(definition);
                var name = string.IsNullOrWhiteSpace(ImportName) ? imported.Title ?? "" : ImportName;
                var input = new SurveyService.NewSurvey(name, definition.Headline!.Metric!.Value, null, null, null, definition);
                foreach (var (field, messages) in await surveys.ValidateAsync(input, ct))
                {
                    ImportErrors[field == "name" ? "importName" : field] = messages;
                }

                if (ImportErrors.Count == 0)
                {
                    var survey = await surveys.CreateAsync(input, (await current.GetAsync(ct)).Name, User.Actor(), ct);
                    var notes = imported.Skipped.Select(s => $"skipped \"{s.Name}\" ({s.Type}): {s.Reason}").Concat(imported.Warnings).ToList();
                    TempData["Flash"] = $"Imported \"{survey.Name}\" with {definition.Questions.Count()} questions."
                        + (notes.Count > 0 ? " Note: " + string.Join(" ", notes) : "");
                    return Redirect($"/surveys/{survey.Id}/edit");
                }
            }
        }

        await LoadAsync(ct);
        return Page();
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
