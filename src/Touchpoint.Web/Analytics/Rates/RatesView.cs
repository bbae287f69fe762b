using System.Globalization;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Rates;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Web.Analytics.Rates;

/// <summary>
/// What the pages show of the rates for local days <see cref="FirstDay"/> to <see cref="LastDay"/> (inclusive):
/// response rates and, for one survey, its rating means, with links to the responses behind each count.
/// </summary>
internal sealed record RatesView(DateOnly FirstDay, DateOnly LastDay, int MinimumAnswers, IReadOnlyList<ResponseRate> Rates,
    IReadOnlyList<RatingSummary> Ratings)
{
    /// <summary>The survey whose ratings these are; null on the dashboard, which shows every survey's rates.</summary>
    public Guid? SurveyId { get; init; }

    public static async Task<RatesView> LoadAsync(TouchpointDbContext db, Workspace workspace, DateOnly firstDay, DateOnly lastDay, Survey? survey,
        Channel? channel, CancellationToken ct)
    {
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var (from, to) = (calendar.StartOfDayUtc(firstDay), calendar.StartOfDayUtc(lastDay.AddDays(1)));
        var rates = await ResponseRates.ComputeAsync(db, from, to, survey?.Id, channel, workspace.MinimumAnswers, ct);
        var ratings = survey is null
            ? []
            : await RatingMeans.ComputeAsync(db, survey, new MetricQuery(survey.Metric, from, to, SurveyId: survey.Id, Channel: channel),
                workspace.MinimumAnswers, ct);
        return new RatesView(firstDay, lastDay, workspace.MinimumAnswers, rates, ratings) { SurveyId = survey?.Id };
    }

    /// <summary>The local days up to today, as the survey page and the dashboard default to.</summary>
    public static (DateOnly First, DateOnly Last) LastDays(Workspace workspace, TimeProvider clock, int days)
    {
        var today = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart).LocalDate(clock.GetUtcNow().UtcDateTime);
        return (today.AddDays(1 - days), today);
    }

    /// <summary>
    /// The answers behind a count, on the Responses page (which reads the same local days, <c>to</c> inclusive). Answers are
    /// listed by their completion day, the rates count invitations by send day: near the period's edges the two can differ.
    /// </summary>
    public string Responses(Guid surveyId, Channel? channel = null, string? status = null)
    {
        var link = $"/responses?survey={surveyId:D}&from={Day(FirstDay)}&to={Day(LastDay)}";
        link += channel is { } c ? $"&channel={c.ToString().ToLowerInvariant()}" : "";
        return link + (status is null ? "" : $"&status={status}");
    }

    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "";

    public static string Number(double? value, string format = "0.00") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    public static string ChannelName(ResponseRate rate) =>
        !rate.Invited ? "Link or web intercept" : rate.Channel?.ToString() ?? "Not recorded";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
