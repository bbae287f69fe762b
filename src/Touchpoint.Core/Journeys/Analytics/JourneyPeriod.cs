using Touchpoint.Core.Analytics;

namespace Touchpoint.Core.Journeys.Analytics;

/// <summary>
/// The half-open UTC range [From, To) a journey map covers, and the previous range of the same length
/// [PreviousFrom, From) its trend compares with.
/// </summary>
public sealed record JourneyPeriod(DateTime From, DateTime To)
{
    /// <summary>The period lengths the map's picker offers.</summary>
    public static readonly IReadOnlyList<int> PickerDays = [30, 90, 180, 365];

    public DateTime PreviousFrom => From - (To - From);

    /// <summary>
    /// The last <paramref name="days"/> whole local days of the workspace, today included: midnight to
    /// midnight in its time zone, so the responses list's local from/to dates show exactly these answers.
    /// </summary>
    public static JourneyPeriod LastDays(int days, PeriodCalendar calendar, DateTime utcNow)
    {
        var tomorrow = calendar.LocalDate(utcNow).AddDays(1);
        return new JourneyPeriod(calendar.StartOfDayUtc(tomorrow.AddDays(-days)), calendar.StartOfDayUtc(tomorrow));
    }

    /// <summary>[From, To) cut into <paramref name="count"/> equal slices, for the sparkline.</summary>
    public IReadOnlyList<(DateTime From, DateTime To)> Slices(int count)
    {
        var step = (To - From) / count;
        return Enumerable.Range(0, count).Select(i => (From + (step * i), i == count - 1 ? To : From + (step * (i + 1)))).ToList();
    }
}
