using System.Globalization;

namespace Touchpoint.Core.Cases.Remedies;

/// <summary>How a remedy reads in history lines, notifications and emails: "40.00 EUR credit", "free upgrade".</summary>
public static class RemedyText
{
    public static string Of(string kind, decimal? amount, string? currency) =>
        amount is { } a ? $"{Money(a)} {currency} {RemedyKinds.Label(kind)}".Replace("  ", " ", StringComparison.Ordinal) : RemedyKinds.Label(kind);

    public static string Of(Compensation remedy) => Of(remedy.Kind, remedy.Amount, remedy.Currency);

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"You can grant up to 50.00 credit per case without approval" / "You can grant a free upgrade without approval".</summary>
    public static string Authority(Authority.Limit limit) =>
        limit.MaxAmount is { } max
            ? $"up to {Money(max)} {RemedyKinds.Label(limit.Kind)} per case"
            : $"{RemedyKinds.Label(limit.Kind)} (no cap)";
}
