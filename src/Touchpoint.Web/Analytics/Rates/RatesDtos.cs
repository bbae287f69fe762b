using Touchpoint.Core.Analytics.Rates;

namespace Touchpoint.Web.Analytics.Rates;

/// <summary>The response rates' answer: the period read, the minimum applied, and one row per survey and channel.</summary>
internal sealed record ResponseRatesDto(DateTime From, DateTime To, int MinimumAnswers, IReadOnlyList<ResponseRateDto> Rows);

/// <summary>
/// One row: <c>channel</c> is the invitation's channel (null when none was recorded); <c>invited</c> false is the
/// row of answers that came without an invitation, which has no rate.
/// </summary>
internal sealed record ResponseRateDto(Guid SurveyId, string Survey, bool Invited, string? Channel, int Sent, int Opened, int Started, int Partial,
    int Completed, double? Rate, double? Low, double? High, string? Note)
{
    public static ResponseRateDto From(ResponseRate r) => new(r.SurveyId, r.SurveyName, r.Invited, r.Channel?.ToString().ToLowerInvariant(),
        r.Sent, r.Opened, r.Started, r.Partial, r.Completed, r.Rate, r.Low, r.High,
        !r.Invited ? "no invitations" : r.Rate is null ? "too few invitations" : null);
}

/// <summary>A survey's rating questions in a period.</summary>
internal sealed record SurveyRatingsDto(Guid SurveyId, string Survey, DateTime From, DateTime To, int MinimumAnswers, IReadOnlyList<RatingDto> Questions);

/// <summary>
/// One rated item: <c>row</c> is the matrix row (statement), null for a single rating question. <c>distribution</c>
/// counts the answers of each scale value from <c>min</c> to <c>max</c>; the mean, its standard deviation and 95%
/// margin (Student's t) are null with "too few answers" under the minimum.
/// </summary>
internal sealed record RatingDto(string QuestionId, string? Row, string Title, string? RowText, string Type, int Min, int Max, int N,
    double? Mean, double? StandardDeviation, double? MarginOfError, IReadOnlyList<int> Distribution, string? Note)
{
    public static RatingDto From(RatingSummary s) => new(s.Item.QuestionId, s.Item.Row, s.Item.Title, s.Item.RowText,
        s.Item.Type.ToString().ToLowerInvariant(), s.Item.Min, s.Item.Max, s.Estimate.N, s.Estimate.Mean, s.Estimate.StandardDeviation,
        s.Estimate.MarginOfError, s.Distribution, s.Estimate.Mean is null ? "too few answers" : null);
}
