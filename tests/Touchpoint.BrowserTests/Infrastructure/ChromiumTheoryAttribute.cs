using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.BrowserTests.Infrastructure;

/// <summary>
/// A theory that needs Debian's Chromium. Without it the test is skipped with the reason on a
/// developer's machine, and runs (and fails) under <c>CI=true</c>, where the browser must be there.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (!File.Exists(Chromium.ExecutablePath) && !TestEnvironment.IsCi)
        {
            Skip = $"{Chromium.ExecutablePath} is missing (apt-get install chromium); under CI=true this fails instead";
        }
    }

    /// <summary>The test also needs the aiosmtpd sink: skipped the same way where it cannot run.</summary>
    public bool NeedsSmtpSink
    {
        get => Skip is null && TestEnvironment.SmtpSinkUnavailableReason is null;
        init
        {
            if (value && TestEnvironment.SmtpSinkUnavailableReason is { } reason && !TestEnvironment.IsCi)
            {
                Skip ??= $"SMTP sink unavailable: {reason} (under CI=true this fails instead)";
            }
        }
    }
}
