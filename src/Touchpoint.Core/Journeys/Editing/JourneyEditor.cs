using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Journeys.Editing;

/// <summary>
/// Every change to the current workspace's journeys, stages and touch points (the pages and the REST
/// API both use this), each audited. Feedback is never silently detached: a stage or journey whose
/// touch points have responses is deleted only after those touch points are moved elsewhere.
/// </summary>
public sealed class JourneyEditor(TouchpointDbContext db, AuditLog audit)
{
    public Task<Journey?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Journeys.AsNoTracking().Include(j => j.Stages).ThenInclude(s => s.TouchPoints).FirstOrDefaultAsync(j => j.Id == id, ct);

    public async Task<EditResult<Journey>> CreateAsync(JourneyDraft draft, string actor, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var (name, description) = ReadHeader(draft, errors);
        var stages = draft.Stages ?? [];
        ReadStages(stages, errors, known: null);
        if (errors.Count == 0 && await db.Journeys.CountAsync(ct) >= JourneyLimits.MaxJourneys)
        {
            errors["name"] = [$"A workspace has at most {JourneyLimits.MaxJourneys} journeys: delete one first."];
        }

        if (errors.Count > 0)
        {
            return EditResult.Invalid<Journey>(errors);
        }

        var journey = new Journey { Name = name!, Description = description };
        var valid = Valid(stages);
        for (var i = 0; i < valid.Count; i++)
        {
            var stage = new JourneyStage { Name = valid[i].Name!.Trim(), Position = i, JourneyId = journey.Id };
            foreach (var t in Valid(valid[i].TouchPoints))
            {
                stage.TouchPoints.Add(new TouchPoint { Name = t.Name!.Trim(), Channel = ParseChannel(t.Channel)!.Value, StageId = stage.Id });
            }

            journey.Stages.Add(stage);
        }

        db.Journeys.Add(journey);
        audit.Record(actor, "journey.created", Target(journey), journey.Name);
        await db.SaveChangesAsync(ct);
        return EditResult.Done(journey);
    }

    /// <summary>
    /// PUT: the journey becomes exactly the draft. Stages and touch points named by id keep their
    /// identity (a touch point may change stage); those left out are deleted, unless they have feedback.
    /// </summary>
    public async Task<EditResult<Journey>> ReplaceAsync(Guid id, JourneyDraft draft, string actor, CancellationToken ct = default)
    {
        var journey = await TrackedAsync(id, ct);
        if (journey is null)
        {
            return EditResult.Missing<Journey>();
        }

        var errors = new Dictionary<string, string[]>();
        var (name, description) = ReadHeader(draft, errors);
        if (draft.Stages is null)
        {
            errors["stages"] = ["Send every stage, in order (an empty list removes them all)."];
        }

        var stages = draft.Stages ?? [];
        var existingStages = journey.Stages.ToDictionary(s => s.Id);
        var existingPoints = journey.Stages.SelectMany(s => s.TouchPoints).ToDictionary(t => t.Id);
        ReadStages(stages, errors, (existingStages.Keys.ToHashSet(), existingPoints.Keys.ToHashSet()));
        if (errors.Count > 0)
        {
            return EditResult.Invalid<Journey>(errors);
        }

        var valid = Valid(stages);
        var keptPoints = valid.SelectMany(s => Valid(s.TouchPoints)).Where(t => t.Id is not null).Select(t => t.Id!.Value).ToHashSet();
        var droppedPoints = existingPoints.Keys.Where(k => !keptPoints.Contains(k)).ToList();
        var feedback = await FeedbackAsync(droppedPoints, ct);
        if (feedback.Values.Sum() is > 0 and var count)
        {
            var names = string.Join(", ", feedback.Keys.Select(p => existingPoints[p].Name));
            return EditResult.Invalid<Journey>("stages",
                $"{count} responses point at touch points this change removes ({names}): keep them, or move them to another stage first.");
        }

        journey.Name = name!;
        journey.Description = description;
        var keptStages = valid.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();
        for (var i = 0; i < valid.Count; i++)
        {
            var draftStage = valid[i];
            var stage = draftStage.Id is { } stageId ? existingStages[stageId] : new JourneyStage { Name = "", JourneyId = journey.Id };
            stage.Name = draftStage.Name!.Trim();
            stage.Position = i;
            if (draftStage.Id is null)
            {
                db.JourneyStages.Add(stage);
            }

            foreach (var t in Valid(draftStage.TouchPoints))
            {
                if (t.Id is { } pointId)
                {
                    var point = existingPoints[pointId];
                    point.Name = t.Name!.Trim();
                    point.Channel = ParseChannel(t.Channel)!.Value;
                    point.StageId = stage.Id;
                }
                else
                {
                    db.TouchPoints.Add(new TouchPoint { Name = t.Name!.Trim(), Channel = ParseChannel(t.Channel)!.Value, StageId = stage.Id });
                }
            }
        }

        db.TouchPoints.RemoveRange(droppedPoints.Select(p => existingPoints[p]));
        db.JourneyStages.RemoveRange(existingStages.Values.Where(s => !keptStages.Contains(s.Id)));
        audit.Record(actor, "journey.replaced", Target(journey), $"{journey.Name}: {stages.Count} stages");
        await db.SaveChangesAsync(ct);
        return EditResult.Done((await FindAsync(id, ct))!);
    }

    public async Task<EditResult<Journey>> RenameAsync(Guid id, string? name, string? description, string actor, CancellationToken ct = default)
    {
        var journey = await db.Journeys.FirstOrDefaultAsync(j => j.Id == id, ct);
        if (journey is null)
        {
            return EditResult.Missing<Journey>();
        }

        var errors = new Dictionary<string, string[]>();
        var (cleanName, cleanDescription) = ReadHeader(new JourneyDraft(name, description, null), errors);
        if (errors.Count > 0)
        {
            return EditResult.Invalid<Journey>(errors);
        }

        journey.Name = cleanName!;
        journey.Description = cleanDescription;
        audit.Record(actor, "journey.renamed", Target(journey), journey.Name);
        await db.SaveChangesAsync(ct);
        return EditResult.Done(journey);
    }

    /// <summary>The default journey stays: new workspaces, demo data and the reference model rely on it.</summary>
    public async Task<EditResult<Journey>> DeleteAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var journey = await TrackedAsync(id, ct);
        if (journey is null)
        {
            return EditResult.Missing<Journey>();
        }

        if (journey.IsDefault)
        {
            return EditResult.Invalid<Journey>("id", "The default journey cannot be deleted; rename or edit it instead.");
        }

        var points = journey.Stages.SelectMany(s => s.TouchPoints).Select(t => t.Id).ToList();
        if ((await FeedbackAsync(points, ct)).Values.Sum() is > 0 and var count)
        {
            return EditResult.Invalid<Journey>("id",
                $"{count} responses point at this journey's touch points: move those touch points to another journey's stage first.");
        }

        db.Journeys.Remove(journey);
        audit.Record(actor, "journey.deleted", Target(journey), journey.Name);
        await db.SaveChangesAsync(ct);
        return EditResult.Done(journey);
    }

    public async Task<EditResult<JourneyStage>> AddStageAsync(Guid journeyId, string? name, string actor, CancellationToken ct = default)
    {
        var journey = await TrackedAsync(journeyId, ct);
        if (journey is null)
        {
            return EditResult.Missing<JourneyStage>();
        }

        if (Required(name, "name", JourneyLimits.MaxStageName, "stage") is { } error)
        {
            return EditResult.Invalid<JourneyStage>("name", error);
        }

        if (journey.Stages.Count >= JourneyLimits.MaxStages)
        {
            return EditResult.Invalid<JourneyStage>("name", $"A journey has at most {JourneyLimits.MaxStages} stages.");
        }

        var stage = new JourneyStage { Name = name!.Trim(), JourneyId = journey.Id, Position = journey.Stages.Count };
        db.JourneyStages.Add(stage);
        audit.Record(actor, "journey.stage.added", Target(journey), stage.Name);
        await db.SaveChangesAsync(ct);
        return EditResult.Done(stage);
    }

    public async Task<EditResult<JourneyStage>> RenameStageAsync(Guid stageId, string? name, string actor, CancellationToken ct = default)
    {
        var stage = await db.JourneyStages.FirstOrDefaultAsync(s => s.Id == stageId, ct);
        if (stage is null)
        {
            return EditResult.Missing<JourneyStage>();
        }

        if (Required(name, "name", JourneyLimits.MaxStageName, "stage") is { } error)
        {
            return EditResult.Invalid<JourneyStage>("name", error);
        }

        audit.Record(actor, "journey.stage.renamed", $"journey:{stage.JourneyId}", $"{stage.Name} -> {name!.Trim()}");
        stage.Name = name.Trim();
        await db.SaveChangesAsync(ct);
        return EditResult.Done(stage);
    }

    /// <summary>Swaps the stage with its neighbour: <paramref name="step"/> -1 moves it earlier, +1 later.</summary>
    public async Task<EditResult<JourneyStage>> MoveStageAsync(Guid stageId, int step, string actor, CancellationToken ct = default)
    {
        var stage = await db.JourneyStages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == stageId, ct);
        if (stage is null)
        {
            return EditResult.Missing<JourneyStage>();
        }

        var journey = (await TrackedAsync(stage.JourneyId, ct))!;
        var ordered = journey.Stages.OrderBy(s => s.Position).ToList();
        var index = ordered.FindIndex(s => s.Id == stageId);
        var target = index + Math.Sign(step);
        if (step == 0 || target < 0 || target >= ordered.Count)
        {
            return EditResult.Invalid<JourneyStage>("direction", step < 0 ? "This is already the first stage." : "This is already the last stage.");
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i;
        }

        audit.Record(actor, "journey.stage.moved", Target(journey), $"{ordered[target].Name} to position {target + 1}");
        await db.SaveChangesAsync(ct);
        return EditResult.Done(ordered[target]);
    }

    public async Task<EditResult<JourneyStage>> DeleteStageAsync(Guid stageId, string actor, CancellationToken ct = default)
    {
        var stage = await db.JourneyStages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == stageId, ct);
        if (stage is null)
        {
            return EditResult.Missing<JourneyStage>();
        }

        var journey = (await TrackedAsync(stage.JourneyId, ct))!;
        var tracked = journey.Stages.Single(s => s.Id == stageId);
        var points = tracked.TouchPoints.Select(t => t.Id).ToList();
        var feedback = await FeedbackAsync(points, ct);
        if (feedback.Values.Sum() is > 0 and var count)
        {
            var names = string.Join(", ", tracked.TouchPoints.Where(t => feedback.ContainsKey(t.Id)).Select(t => t.Name));
            return EditResult.Invalid<JourneyStage>("stageId",
                $"{count} responses point at this stage's touch points ({names}): move those touch points to another stage first.");
        }

        db.JourneyStages.Remove(tracked);
        var position = 0;
        foreach (var s in journey.Stages.Where(s => s.Id != stageId).OrderBy(s => s.Position))
        {
            s.Position = position++;
        }

        audit.Record(actor, "journey.stage.deleted", Target(journey), tracked.Name);
        await db.SaveChangesAsync(ct);
        return EditResult.Done(tracked);
    }

    public async Task<EditResult<TouchPoint>> AddTouchPointAsync(Guid stageId, string? name, string? channel, string actor,
        CancellationToken ct = default)
    {
        var stage = await db.JourneyStages.Include(s => s.TouchPoints).FirstOrDefaultAsync(s => s.Id == stageId, ct);
        if (stage is null)
        {
            return EditResult.Missing<TouchPoint>();
        }

        var errors = ReadTouchPoint(name, channel, "");
        if (stage.TouchPoints.Count >= JourneyLimits.MaxTouchPointsPerStage)
        {
            errors["name"] = [$"A stage has at most {JourneyLimits.MaxTouchPointsPerStage} touch points."];
        }

        if (errors.Count > 0)
        {
            return EditResult.Invalid<TouchPoint>(errors);
        }

        var point = new TouchPoint { Name = name!.Trim(), Channel = ParseChannel(channel)!.Value, StageId = stage.Id };
        db.TouchPoints.Add(point);
        audit.Record(actor, "journey.touch-point.added", $"touch-point:{point.Id}", $"{point.Name} ({point.Channel}) in {stage.Name}");
        await db.SaveChangesAsync(ct);
        return EditResult.Done(point);
    }

    /// <summary>Renames a touch point, changes its channel, or moves it to another stage (of any journey of the workspace).</summary>
    public async Task<EditResult<TouchPoint>> UpdateTouchPointAsync(Guid id, string? name, string? channel, Guid? stageId, string actor,
        CancellationToken ct = default)
    {
        var point = await db.TouchPoints.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (point is null)
        {
            return EditResult.Missing<TouchPoint>();
        }

        var errors = ReadTouchPoint(name, channel, "");
        if (stageId is { } target && target != point.StageId && !await db.JourneyStages.AnyAsync(s => s.Id == target, ct))
        {
            errors["stageId"] = ["No stage with this id exists in your workspace."];
        }

        if (errors.Count > 0)
        {
            return EditResult.Invalid<TouchPoint>(errors);
        }

        point.Name = name!.Trim();
        point.Channel = ParseChannel(channel)!.Value;
        point.StageId = stageId ?? point.StageId;
        audit.Record(actor, "journey.touch-point.updated", $"touch-point:{point.Id}", $"{point.Name} ({point.Channel}) stage {point.StageId}");
        await db.SaveChangesAsync(ct);
        return EditResult.Done(point);
    }

    /// <summary>
    /// Deletes a touch point. Its responses, events and conversations stay but no longer point at a
    /// touch point, so the page asks for confirmation and says how many responses that is.
    /// </summary>
    public async Task<EditResult<TouchPoint>> DeleteTouchPointAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var point = await db.TouchPoints.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (point is null)
        {
            return EditResult.Missing<TouchPoint>();
        }

        var responses = (await FeedbackAsync([id], ct)).Values.Sum();
        db.TouchPoints.Remove(point);
        audit.Record(actor, "journey.touch-point.deleted", $"touch-point:{point.Id}", $"{point.Name}; {responses} responses detached");
        await db.SaveChangesAsync(ct);
        return EditResult.Done(point);
    }

    /// <summary>Per touch point that has any, how many responses point at it.</summary>
    public async Task<Dictionary<Guid, int>> FeedbackAsync(IReadOnlyCollection<Guid> touchPoints, CancellationToken ct = default)
    {
        if (touchPoints.Count == 0)
        {
            return [];
        }

        var counts = await db.Responses.AsNoTracking()
            .Where(r => r.TouchPointId != null && touchPoints.Contains(r.TouchPointId.Value))
            .GroupBy(r => r.TouchPointId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return counts.ToDictionary(c => c.Key, c => c.Count);
    }

    /// <summary>A draft's list once validated: no null items are left in it.</summary>
    private static List<T> Valid<T>(IReadOnlyList<T?>? items)
        where T : class => (items ?? []).Select(i => i!).ToList();

    private Task<Journey?> TrackedAsync(Guid id, CancellationToken ct) =>
        db.Journeys.Include(j => j.Stages).ThenInclude(s => s.TouchPoints).FirstOrDefaultAsync(j => j.Id == id, ct);

    private static string Target(Journey journey) => $"journey:{journey.Id}";

    private static (string? Name, string? Description) ReadHeader(JourneyDraft draft, Dictionary<string, string[]> errors)
    {
        if (Required(draft.Name, "name", JourneyLimits.MaxJourneyName, "journey") is { } error)
        {
            errors["name"] = [error];
        }

        var description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        if (description?.Length > JourneyLimits.MaxDescription)
        {
            errors["description"] = [$"Keep the description to {JourneyLimits.MaxDescription} characters."];
        }

        return (draft.Name?.Trim(), description);
    }

    /// <summary>
    /// Checks every stage and touch point of a draft. <paramref name="known"/> holds the ids a PUT may
    /// name (this journey's own); POST takes none.
    /// </summary>
    private static void ReadStages(IReadOnlyList<StageDraft?> stages, Dictionary<string, string[]> errors,
        (HashSet<Guid> Stages, HashSet<Guid> TouchPoints)? known)
    {
        if (stages.Count > JourneyLimits.MaxStages)
        {
            errors["stages"] = [$"A journey has at most {JourneyLimits.MaxStages} stages."];
            return;
        }

        var seenStages = new HashSet<Guid>();
        var seenPoints = new HashSet<Guid>();
        for (var i = 0; i < stages.Count; i++)
        {
            var field = $"stages[{i}]";
            if (stages[i] is not { } stage)
            {
                errors[field] = ["Send each stage as an object with a 'name'."];
                continue;
            }

            if (stage.Id is { } stageId && (known is null || !known.Value.Stages.Contains(stageId) || !seenStages.Add(stageId)))
            {
                errors[$"{field}.id"] = [known is null
                    ? "Leave out 'id' when creating a journey: new stages get theirs."
                    : "This is not a stage of this journey (or it is listed twice); leave out 'id' to add a stage."];
            }

            if (Required(stage.Name, "name", JourneyLimits.MaxStageName, "stage") is { } error)
            {
                errors[$"{field}.name"] = [error];
            }

            var points = stage.TouchPoints ?? [];
            if (points.Count > JourneyLimits.MaxTouchPointsPerStage)
            {
                errors[$"{field}.touchPoints"] = [$"A stage has at most {JourneyLimits.MaxTouchPointsPerStage} touch points."];
                continue;
            }

            for (var j = 0; j < points.Count; j++)
            {
                var pointField = $"{field}.touchPoints[{j}]";
                if (points[j] is not { } point)
                {
                    errors[pointField] = ["Send each touch point as an object with a 'name' and a 'channel'."];
                    continue;
                }

                if (point.Id is { } pointId && (known is null || !known.Value.TouchPoints.Contains(pointId) || !seenPoints.Add(pointId)))
                {
                    errors[$"{pointField}.id"] = [known is null
                        ? "Leave out 'id' when creating a journey: new touch points get theirs."
                        : "This is not a touch point of this journey (or it is listed twice); leave out 'id' to add one."];
                }

                foreach (var (key, value) in ReadTouchPoint(point.Name, point.Channel, pointField + "."))
                {
                    errors[key] = value;
                }
            }
        }
    }

    private static Dictionary<string, string[]> ReadTouchPoint(string? name, string? channel, string prefix)
    {
        var errors = new Dictionary<string, string[]>();
        if (Required(name, "name", JourneyLimits.MaxTouchPointName, "touch point") is { } error)
        {
            errors[prefix + "name"] = [error];
        }

        if (ParseChannel(channel) is null)
        {
            errors[prefix + "channel"] = [$"Use one of: {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant()))}."];
        }

        return errors;
    }

    public static Channel? ParseChannel(string? text) =>
        !string.IsNullOrWhiteSpace(text) && !int.TryParse(text, out _) && Enum.TryParse<Channel>(text.Trim(), ignoreCase: true, out var channel)
            ? channel
            : null;

    private static string? Required(string? text, string field, int max, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"Give the {what} a {field}.";
        }

        return text.Trim().Length > max ? $"Keep the {what}'s {field} to {max} characters." : null;
    }
}
