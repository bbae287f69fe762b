using System.Globalization;
using System.Text.RegularExpressions;

namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>
/// RFC 5322 dates ("Tue, 1 Jul 2025 10:52:37 +0200"), tolerant of what mailers really send: no
/// weekday, two-digit years, missing seconds, named zones (GMT, EST, ...), trailing comments "(CEST)".
/// </summary>
public static partial class MimeDate
{
    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0,
        ["UTC"] = 0,
        ["GMT"] = 0,
        ["Z"] = 0,
        ["EST"] = -5,
        ["EDT"] = -4,
        ["CST"] = -6,
        ["CDT"] = -5,
        ["MST"] = -7,
        ["MDT"] = -6,
        ["PST"] = -8,
        ["PDT"] = -7,
        ["CET"] = 1,
        ["CEST"] = 2,
        ["BST"] = 1,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = Rfc5322().Match(value);
        if (match.Success)
        {
            var month = Array.IndexOf(Months, match.Groups["month"].Value[..3].ToLowerInvariant()) + 1;
            var year = Int(match.Groups["year"].Value);
            year = match.Groups["year"].Value.Length == 2 ? (year < 50 ? 2000 + year : 1900 + year) : year;
            var offset = Offset(match.Groups["zone"].Value);
            var seconds = match.Groups["second"].Success ? Int(match.Groups["second"].Value) : 0;
            if (month > 0 && offset is { } zone && DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) >= Int(match.Groups["day"].Value))
            {
                try
                {
                    return new DateTimeOffset(year, month, Int(match.Groups["day"].Value), Int(match.Groups["hour"].Value),
                        Int(match.Groups["minute"].Value), Math.Min(seconds, 59), zone);
                }
                catch (ArgumentOutOfRangeException)
                {
                    return null;
                }
            }
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static TimeSpan? Offset(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (zone[0] is '+' or '-' && zone.Length == 5)
        {
            var minutes = (Int(zone[1..3]) * 60) + Int(zone[3..5]);
            return minutes > 14 * 60 ? TimeSpan.Zero : TimeSpan.FromMinutes(zone[0] == '-' ? -minutes : minutes);
        }

        // Unknown zone names are read as UTC, as RFC 5322 asks for obsolete zones.
        return TimeSpan.FromHours(Zones.GetValueOrDefault(zone, 0));
    }

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<day>\d{1,2})[\s-]+(?<month>[A-Za-z]{3})[A-Za-z]*\.?[\s-]+(?<year>\d{4}|\d{2})\s+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\s*(?<zone>[+-]\d{4}|[A-Za-z]{1,5}))?")]
    private static partial Regex Rfc5322();
}
