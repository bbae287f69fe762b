namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// Which of the project's additions to VADER are on. <see cref="Default"/> is what the product uses;
/// <see cref="PlainVader"/> is the VADER rules alone on the same lexicon, which the tests use to show what
/// each addition changes.
/// </summary>
/// <param name="ServiceLanguage">Customer-service phrases and words (<see cref="ServicePhrases"/>).</param>
/// <param name="DomainAdjustments">The learned valences of <see cref="SentimentDomainAdjustments"/>.</param>
/// <param name="StrictNo">VADER lets "no" negate the next two words and zeroes a "no" before a sentiment word;
/// with this on, neither happens across punctuation or between two "no"s, so "No, it's great!" stays positive
/// and "No no no!" negative (chosen on even ids: tweets r +0.002, the others unchanged).</param>
internal sealed record SentimentSettings(bool ServiceLanguage, bool DomainAdjustments, bool StrictNo)
{
    public static readonly SentimentSettings Default = new(ServiceLanguage: true, DomainAdjustments: true, StrictNo: true);
    public static readonly SentimentSettings PlainVader = new(ServiceLanguage: false, DomainAdjustments: false, StrictNo: false);
}
