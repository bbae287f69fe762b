namespace Touchpoint.Core.Feedback;

/// <summary>
/// Tells mobile, tablet and desktop apart from a browser's User-Agent: enough to compare scores by
/// device, without a parser library or a database of devices.
/// </summary>
public static class DeviceDetector
{
    public const string Mobile = "mobile";
    public const string Tablet = "tablet";
    public const string Desktop = "desktop";

    /// <summary>Null when there is no User-Agent to read.</summary>
    public static string? FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        // Tablets first: an iPad says "Mobile" too, and Android tablets leave "Mobile" out.
        if (Has(userAgent, "iPad") || Has(userAgent, "Tablet") || Has(userAgent, "Kindle") || Has(userAgent, "Silk/")
            || (Has(userAgent, "Android") && !Has(userAgent, "Mobile")))
        {
            return Tablet;
        }

        return Has(userAgent, "Mobi") || Has(userAgent, "iPhone") || Has(userAgent, "iPod") || Has(userAgent, "Windows Phone")
            || Has(userAgent, "Opera Mini")
            ? Mobile
            : Desktop;
    }

    private static bool Has(string userAgent, string part) => userAgent.Contains(part, StringComparison.OrdinalIgnoreCase);
}
