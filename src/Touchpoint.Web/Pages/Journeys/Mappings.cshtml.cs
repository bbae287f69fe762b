using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Journeys.Editing;
using Touchpoint.Core.Journeys.Mapping;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Tracking;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Journeys;

/// <summary>
/// What counts at each touch point of a journey: the event rules (with a preview of how many of the
/// last 30 days' events a rule would match), the survey whose answers count there, and the inbox whose
/// conversations and ratings count there.
/// </summary>
[Authorize(Policy = "journeys.manage")]
internal sealed class JourneyMappingsModel(JourneyEditor editor, TouchpointDbContext db, TouchPointMappingService mappings,
    MappingPreview preview, TouchPointLinks links) : PageModel
{
    public sealed record RuleRow(TouchPointMapping Rule, int Matches);

    public Journey Journey { get; private set; } = null!;
    public List<(Guid Id, string Label)> TouchPoints { get; private set; } = [];
    public List<RuleRow> Rules { get; private set; } = [];
    public List<Survey> Surveys { get; private set; } = [];
    public List<Core.Conversations.Inbox> Inboxes { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public MappingPreview.Result? Preview { get; private set; }

    [BindProperty] public Guid? TouchPointId { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? EventType { get; set; }
    [BindProperty] public string? EventName { get; set; }
    [BindProperty] public string? PathPrefix { get; set; }
    [BindProperty] public int? Priority { get; set; }
    [BindProperty] public Guid MappingId { get; set; }
    [BindProperty] public Guid SurveyId { get; set; }
    [BindProperty] public Guid InboxId { get; set; }

    public string TouchPointLabel(Guid? id) =>
        id is null ? "(none)" : TouchPoints.FirstOrDefault(t => t.Id == id).Label ?? "(a touch point of another journey)";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>Counts what the draft rule would match, without saving it.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var source = Parse<TrackingSource>(Source, "source", "web, app, store, sensor or import");
        var type = Parse<EventType>(EventType, "eventType", "track, page, screen, identify, group or alias");
        var prefix = string.IsNullOrWhiteSpace(PathPrefix) ? null : PathPrefix.Trim();
        if (prefix is not null && !prefix.StartsWith('/'))
        {
            Errors["pathPrefix"] = ["A path prefix starts with '/', such as /checkout."];
        }

        if (Errors.Count == 0)
        {
            Preview = await preview.CountAsync(source, type, string.IsNullOrWhiteSpace(EventName) ? null : EventName.Trim(), prefix, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (TouchPointId is { } chosen && TouchPoints.All(t => t.Id != chosen))
        {
            Errors["touchPointId"] = ["Choose one of this journey's touch points."];
            return Page();
        }

        var result = await mappings.CreateAsync(new TouchPointMappingService.Draft(TouchPointId, Source, EventType, EventName, PathPrefix, Priority),
            User.Actor(), ct);
        if (result.Mapping is null)
        {
            Errors = result.Errors;
            return Page();
        }

        TempData["Flash"] = "Rule added: new events that match it are tied to its touch point.";
        return Redirect($"/journeys/{id}/mappings");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Rules.All(r => r.Rule.Id != MappingId))
        {
            return NotFound();
        }

        TempData["Flash"] = await mappings.DeleteAsync(MappingId, User.Actor(), ct) ? "Rule deleted." : "That rule was already deleted.";
        return Redirect($"/journeys/{id}/mappings");
    }

    public Task<IActionResult> OnPostSurveyAsync(Guid id, CancellationToken ct) =>
        LinkAsync(id, t => links.SetSurveyAsync(SurveyId, t, User.Actor(), ct), "Saved the survey's touch point: its new answers count there.", ct);

    public Task<IActionResult> OnPostInboxAsync(Guid id, CancellationToken ct) =>
        LinkAsync(id, t => links.SetInboxAsync(InboxId, t, User.Actor(), ct),
            "Saved the inbox's touch point: its new conversations and their ratings count there.", ct);

    private async Task<IActionResult> LinkAsync(Guid id, Func<Guid?, Task<TouchPointLinks.Outcome>> link, string saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // Any touch point of the workspace: a survey may already count at another journey's touch point.
        var outcome = await link(TouchPointId);
        if (outcome == TouchPointLinks.Outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome == TouchPointLinks.Outcome.UnknownTouchPoint)
        {
            TempData["Error"] = "That touch point no longer exists; choose another.";
            return Redirect($"/journeys/{id}/mappings");
        }

        TempData["Flash"] = saved;
        return Redirect($"/journeys/{id}/mappings");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await editor.FindAsync(id, ct) is not { } journey)
        {
            return false;
        }

        Journey = journey;
        TouchPoints = journey.Stages.OrderBy(s => s.Position)
            .SelectMany(s => s.TouchPoints.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (t.Id, $"{t.Name} ({s.Name}, {t.Channel.ToString().ToLowerInvariant()})")))
            .ToList();
        var ids = TouchPoints.Select(t => t.Id).ToList();
        var rules = (await mappings.ListAsync(ct)).Where(r => ids.Contains(r.TouchPointId)).ToList();
        Rules = [];
        foreach (var rule in rules)
        {
            var count = await preview.CountAsync(rule.Source, rule.EventType, rule.EventName, rule.PathPrefix, ct);
            Rules.Add(new RuleRow(rule, count.Matches));
        }

        Surveys = await db.Surveys.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        Inboxes = await db.Inboxes.AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        return true;
    }

    private T? Parse<T>(string? text, string field, string allowed)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, out _) && Enum.TryParse<T>(text.Trim(), true, out var value))
        {
            return value;
        }

        Errors[field] = [$"Use {allowed}, or leave it out to match any."];
        return null;
    }
}
