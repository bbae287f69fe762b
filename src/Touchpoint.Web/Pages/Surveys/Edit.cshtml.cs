using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Surveys;

/// <summary>
/// The survey builder: name, settings and the definition. The form posts the definition as JSON (the
/// visual builder keeps the textarea current; without JavaScript the textarea is the editor), so the
/// page and PUT /api/v1/surveys/{id} share one validator and one save.
/// </summary>
[Authorize(Policy = "surveys.manage")]
internal sealed class EditSurveyModel(TouchpointDbContext db, SurveyEditor editor) : PageModel
{
    public sealed record TouchPointChoice(Guid Id, string Label);

    public Guid Id { get; private set; }
    public int Version { get; private set; }
    public string PublicUrl { get; private set; } = "";
    public List<TouchPointChoice> TouchPoints { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>The errors for the builder script, which shows each next to the field at its path.</summary>
    public string ErrorsJson => JsonSerializer.Serialize(Errors);

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Definition { get; set; } = "";
    [BindProperty] public bool Anonymous { get; set; }
    [BindProperty] public int? QuarantineDays { get; set; }
    [BindProperty] public int? ReminderAfterDays { get; set; }
    [BindProperty] public SurveyStatus Status { get; set; }
    [BindProperty] public Guid? TouchPointId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return NotFound();
        }

        (Name, Anonymous, QuarantineDays, ReminderAfterDays, Status, TouchPointId) =
            (survey.Name, survey.Anonymous, survey.QuarantineDays, survey.ReminderAfterDays, survey.Status, survey.TouchPointId);
        Definition = Pretty(survey.Definition);
        await LoadAsync(survey, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return NotFound();
        }

        var (definition, errors) = DefinitionReader.ReadAndValidate(Definition);
        if (!ModelState.IsValid)
        {
            foreach (var (field, entry) in ModelState.Where(m => m.Value?.Errors.Count > 0))
            {
                errors[JsonNamingPolicy.CamelCase.ConvertName(field)] = ["This value could not be read; enter a whole number or leave it empty."];
            }
        }

        if (errors.Count == 0)
        {
            var outcome = await editor.SaveAsync(id, new SurveyEditor.SurveyChanges(Name, definition, Anonymous, QuarantineDays, ReminderAfterDays,
                Status, TouchPointId), User.Actor(), ct);
            errors = outcome.Errors;
            if (errors.Count == 0 && outcome.Survey is { } saved)
            {
                TempData["Flash"] = outcome.NewVersion
                    ? $"Survey saved as version {saved.Version}. New answers use it; earlier answers keep their version."
                    : "Survey saved. The questions did not change, so the version stays the same.";
                return Redirect($"/surveys/{id}/edit");
            }
        }

        Errors = errors;
        await LoadAsync(survey, ct);
        return Page();
    }

    private async Task LoadAsync(Survey survey, CancellationToken ct)
    {
        Id = survey.Id;
        Version = survey.Version;
        PublicUrl = PublicUrls.Survey(HttpContext, survey.LinkId);
        TouchPoints = await db.TouchPoints.AsNoTracking()
            .OrderBy(t => t.Stage!.Position).ThenBy(t => t.Name)
            .Select(t => new TouchPointChoice(t.Id, t.Stage!.Name + ": " + t.Name))
            .ToListAsync(ct);
    }

    // Relaxed escaping keeps <, > and non-ASCII letters readable in the textarea; Razor HTML-encodes it there.
    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Pretty(string json) => JsonNode.Parse(json)!.ToJsonString(Readable);
}
