namespace Touchpoint.Core.Journeys.Editing;

/// <summary>
/// A whole journey as a client sends it (POST and PUT): names and channels as text, so each bad
/// value gets its own message naming the field (<c>stages[1].touchPoints[0].channel</c>).
/// On PUT a stage or touch point with an id keeps its identity (and its feedback); one without is new.
/// </summary>
public sealed record JourneyDraft(string? Name, string? Description, IReadOnlyList<StageDraft?>? Stages);

public sealed record StageDraft(Guid? Id, string? Name, IReadOnlyList<TouchPointDraft?>? TouchPoints);

public sealed record TouchPointDraft(Guid? Id, string? Name, string? Channel);
