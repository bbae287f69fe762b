namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// What a person changes on a case. A field left null stays as it is; for the fields that can be
/// cleared (description, owner, team, root cause, resolution code) the Set flag says "change it",
/// and a null value then clears it.
/// </summary>
public sealed record CaseChange(
    string? Title = null,
    bool SetDescription = false,
    string? Description = null,
    CasePriority? Priority = null,
    CaseStatus? Status = null,
    bool SetOwner = false,
    Guid? OwnerId = null,
    bool SetTeam = false,
    Guid? TeamId = null,
    bool SetRootCause = false,
    string? RootCause = null,
    bool SetResolutionCode = false,
    string? ResolutionCode = null);
