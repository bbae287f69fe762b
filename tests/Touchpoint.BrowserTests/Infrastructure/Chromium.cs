using Microsoft.Playwright;

namespace Touchpoint.BrowserTests.Infrastructure;

/// <summary>Launches Debian's Chromium through Playwright (never a downloaded browser build).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// How long an expectation waits for the page to get there. Playwright's 5 s is short for a page
    /// that loads scripts and opens a WebSocket on a busy two-core machine; a test that waits longer
    /// on a slow run still fails on a wrong page, it only stops failing on a slow one.
    /// </summary>
    private const float ExpectTimeoutMs = 20_000;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Flags that keep Chromium from reaching out to the network this machine does not have.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return (playwright, browser);
    }
}
