namespace Touchpoint.Core.Cases.Remedies;

/// <summary>What remedy amounts and authority limits accept.</summary>
public static class RemedyLimits
{
    /// <summary>More than any remedy a front line gives: above it an amount is a typo (or an attack).</summary>
    public const decimal MaxAmount = 1_000_000m;

    /// <summary>How long a one-click approval link works.</summary>
    public static readonly TimeSpan ApprovalLinkLifetime = TimeSpan.FromDays(7);

    /// <summary>The reason an amount cannot be accepted, or null when it can.</summary>
    public static string? AmountProblem(decimal amount) =>
        amount < 0 ? "Give an amount of 0 or more."
        : amount > MaxAmount ? $"Give an amount of at most {MaxAmount:0}."
        : amount != decimal.Round(amount, 2) ? "Give an amount with at most two decimals."
        : null;
}
