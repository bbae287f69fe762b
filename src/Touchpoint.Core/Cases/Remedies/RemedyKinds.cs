namespace Touchpoint.Core.Cases.Remedies;

/// <summary>
/// The kinds of remedy every workspace knows, and how a kind is spelled in storage: trimmed, lower
/// case, spaces as hyphens ("Free upgrade" is "free-upgrade"), so a limit and a grant always match.
/// A workspace may use kinds of its own ("voucher", "priority-shipping"): any code of 1-100 characters.
/// </summary>
public static class RemedyKinds
{
    public const string Credit = "credit";
    public const string Refund = "refund";
    public const string FreeUpgrade = "free-upgrade";
    public const string Replacement = "replacement";

    public static readonly IReadOnlyList<string> Standard = [Credit, Refund, FreeUpgrade, Replacement];

    /// <summary>The stored spelling of <paramref name="kind"/>, or null when it is empty or longer than the limit.</summary>
    public static string? Normalize(string? kind)
    {
        var words = (kind ?? "").Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var code = string.Join('-', words);
        return code.Length is > 0 and <= CaseLimits.MaxCodeLength ? code : null;
    }

    /// <summary>How people read a kind: "free upgrade".</summary>
    public static string Label(string kind) => kind.Replace('-', ' ');
}
