namespace Touchpoint.Core.Cases.Work;

public enum CaseOutcome
{
    Applied,
    NotFound,
    /// <summary>A field is wrong: <see cref="CaseResult.Errors"/> names it (400).</summary>
    Invalid,
    /// <summary>The version the caller saw is no longer current (412).</summary>
    Stale,
    /// <summary>The case is not in a state that allows this (a closed case cannot be resolved): 409.</summary>
    Conflict,
}

/// <summary>What became of a change to a case, and the case as saved.</summary>
public sealed record CaseResult(CaseOutcome Outcome, Case? Case = null, Dictionary<string, string[]>? Errors = null)
{
    public static CaseResult Invalid(string field, string message) => new(CaseOutcome.Invalid, Errors: new() { [field] = [message] });

    public static CaseResult Conflict(string field, string message) => new(CaseOutcome.Conflict, Errors: new() { [field] = [message] });
}
