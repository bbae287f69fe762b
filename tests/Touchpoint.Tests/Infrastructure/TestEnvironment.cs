using System.Diagnostics;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// What the machine offers the tests. A service that is missing skips its tests on a developer's
/// machine and fails them when <c>CI=true</c>: CI must prove they ran.
/// </summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "TOUCHPOINT_TEST_POSTGRES";
    public const string SmtpPython = "/usr/bin/python3";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The base connection string (no database); the tests add a fresh database name.</summary>
    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Null when the SMTP sink can run here; otherwise why not.</summary>
    public static string? SmtpSinkUnavailableReason => SmtpCheck.Value;

    private static readonly Lazy<string?> SmtpCheck = new(CheckSmtpSink);

    /// <summary>Null when <c>node</c> and <c>npm</c> are on the PATH; otherwise what is missing.</summary>
    public static string? NodeUnavailableReason =>
        FindOnPath("node") is null ? "node is not on the PATH (install Node.js 20 or later)"
        : FindOnPath("npm") is null ? "npm is not on the PATH" : null;

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private static string? CheckSmtpSink()
    {
        if (!File.Exists(SmtpPython))
        {
            return $"{SmtpPython} is missing (apt-get install python3-aiosmtpd)";
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(SmtpPython, ["-c", "import aiosmtpd"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                return $"{SmtpPython} -c 'import aiosmtpd' did not finish";
            }

            return process.ExitCode == 0 ? null : $"{SmtpPython} has no aiosmtpd module (apt-get install python3-aiosmtpd)";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{SmtpPython} could not start: {ex.Message}";
        }
    }
}
