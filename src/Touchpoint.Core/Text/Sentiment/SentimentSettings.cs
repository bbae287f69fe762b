namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// Which of the project's additions to VADER are on. <see cref="Default"/> is what the product uses;
/// <see cref="PlainVader"/> is the VADER rules alone on the same lexicon, which the tests use to show what
/// each addition changes.
/// </summary>
internal sealed record SentimentSettings(bool ServiceLanguage, bool DomainAdjustments)
{
    public static readonly SentimentSettings Default = new(ServiceLanguage: true, DomainAdjustments: true);
    public static readonly SentimentSettings PlainVader = new(ServiceLanguage: false, DomainAdjustments: false);
}
