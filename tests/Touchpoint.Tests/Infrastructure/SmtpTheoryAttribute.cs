namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// A theory that needs the aiosmtpd sink (<see cref="SmtpSink"/>). Skipped with the reason where the
/// sink cannot run, except under <c>CI=true</c>: there it runs and the sink's start fails it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SmtpTheoryAttribute : TheoryAttribute
{
    public SmtpTheoryAttribute()
    {
        if (TestEnvironment.SmtpSinkUnavailableReason is { } reason && !TestEnvironment.IsCi)
        {
            Skip = $"SMTP sink unavailable: {reason} (under CI=true this fails instead)";
        }
    }
}
