using System.Globalization;
using Touchpoint.Core.Analytics.Drivers;

namespace Touchpoint.Web.Analytics.Insights;

/// <summary>
/// The drill-down from a driver to the answers behind it, on the responses page. Drivers the responses
/// page cannot filter on yet (persona, stage, trait) link to the period's answers of the survey metric.
/// </summary>
internal static class DriverLinks
{
    public static string Responses(DriverReport report, DriverResult driver)
    {
        var from = report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The page's "to" is an inclusive day; the report's is an exclusive instant.
        var to = report.To.AddTicks(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var filter = driver.Kind switch
        {
            DriverKind.TouchPoint => $"&touchpoint={Uri.EscapeDataString(driver.Value)}",
            DriverKind.Channel => $"&channel={Uri.EscapeDataString(driver.Value)}",
            DriverKind.Segment => $"&segment={Uri.EscapeDataString(driver.Value)}",
            DriverKind.Topic => $"&topic={Uri.EscapeDataString(driver.Value)}",
            _ => "",
        };
        return $"/responses?from={from}&to={to}{filter}";
    }
}
