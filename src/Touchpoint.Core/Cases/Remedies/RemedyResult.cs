namespace Touchpoint.Core.Cases.Remedies;

/// <summary>What became of a remedy action: done (with the remedy), or why not, in words a person can act on.</summary>
public sealed record RemedyResult(RemedyOutcome Outcome, Compensation? Remedy = null, string? Message = null,
    Dictionary<string, string[]>? Errors = null)
{
    public static RemedyResult Done(Compensation remedy) => new(RemedyOutcome.Done, remedy);
    public static RemedyResult Invalid(Dictionary<string, string[]> errors) => new(RemedyOutcome.Invalid, Errors: errors);
    public static RemedyResult Refused(RemedyOutcome outcome, string message) => new(outcome, Message: message);
}

public enum RemedyOutcome
{
    Done,
    Invalid,
    NotFound,
    /// <summary>Not this person's to do (not the case's owner, not a manager, their own request).</summary>
    Forbidden,
    /// <summary>Already decided, or decided by someone else a moment ago.</summary>
    Conflict,
    /// <summary>The caller decided on a version of the request that has since changed.</summary>
    Stale,
}
