namespace Touchpoint.Core.Analytics.Rates;

/// <summary>
/// A rating item's answers in a period: the mean with its spread and 95% margin (null under the minimum),
/// and how many gave each value of the scale, lowest first (<see cref="Distribution"/>[i] counts Min + i).
/// </summary>
public sealed record RatingSummary(RatingItem Item, MeanEstimate Estimate, IReadOnlyList<int> Distribution);
