using Touchpoint.Core.Cases;

namespace Touchpoint.Web.Cases.Remedies;

/// <summary>A remedy as the API shows it. <c>version</c> goes back with a decision to be sure nothing changed in between.</summary>
internal sealed record RemedyDto(Guid Id, Guid CaseId, string Kind, decimal? Amount, string? Currency, string? Note,
    CompensationStatus Status, Guid RequestedBy, Guid? ApproverId, Guid? DecidedBy, DateTime? DecidedAt, string? DecisionNote,
    DateTime CreatedAt, Guid Version)
{
    public static RemedyDto Of(Compensation c) =>
        new(c.Id, c.CaseId, c.Kind, c.Amount, c.Currency, c.Note, c.Status, c.RequestedById, c.ApproverId, c.DecidedById, c.DecidedAt,
            c.DecisionNote, c.CreatedAt, c.Version);
}

/// <summary>A body for giving a remedy: <c>{ "kind": "credit", "amount": 40, "currency": "EUR", "note": "..." }</c>.</summary>
internal sealed record RemedyRequest(string? Kind, decimal? Amount, string? Currency, string? Note);

/// <summary>A body for approving or denying: an optional note, and optionally the version the decider saw.</summary>
internal sealed record DecisionRequest(string? Note, Guid? Version);
