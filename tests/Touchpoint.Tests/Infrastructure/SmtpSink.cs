using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd with its Maildir handler, on a free local port.
/// Messages are read back from the Maildir's <c>new/</c> folder.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private Process _process;
    private readonly StringBuilder _output = new();

    private SmtpSink(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }
    public string Maildir { get; }

    /// <summary>The settings that point the app at this server.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Touchpoint:Smtp:Host"] = "127.0.0.1",
        ["Touchpoint:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<SmtpSink> StartAsync()
    {
        if (TestEnvironment.SmtpSinkUnavailableReason is { } reason)
        {
            throw new InvalidOperationException($"The SMTP sink must run under CI=true, but it cannot here: {reason}.");
        }

        var port = FreePort.Next();
        var maildir = Path.Combine(Path.GetTempPath(), $"tp_test_mail_{Guid.NewGuid():N}");
        var sink = new SmtpSink(Launch(port, maildir), port, maildir);
        sink.Listen();
        try
        {
            await Eventually.HoldsAsync(sink.AcceptsConnectionsAsync, $"aiosmtpd to listen on port {port}");
        }
        catch
        {
            await sink.DisposeAsync();
            throw;
        }

        return sink;
    }

    /// <summary>Stops the server, as a mail server outage would; what it received stays readable.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server again on the same port and mailbox after <see cref="StopAsync"/>.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = Launch(Port, Maildir);
        Listen();
        await Eventually.HoldsAsync(AcceptsConnectionsAsync, $"aiosmtpd to listen again on port {Port}");
    }

    private static Process Launch(int port, string maildir) => new()
    {
        StartInfo = new ProcessStartInfo(TestEnvironment.SmtpPython,
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        },
    };

    private void Listen()
    {
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits for a received message that matches <paramref name="predicate"/>.</summary>
    public Task<ReceivedMail> WaitForMessageAsync(Func<ReceivedMail, bool> predicate, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Messages().FirstOrDefault(predicate)), "an email matching the test's condition", timeout);

    public Task<ReceivedMail> WaitForMessageToAsync(string recipient, TimeSpan? timeout = null) =>
        WaitForMessageAsync(m => m.To.Contains(recipient, StringComparison.OrdinalIgnoreCase), timeout);

    /// <summary>Every message delivered so far.</summary>
    public IReadOnlyList<ReceivedMail> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => MimeReader.Parse(File.ReadAllText(f))).ToList()
            : [];
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}: {Output}");
        }

        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }
    }
}
