using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Touchpoint.Bench;

/// <summary>
/// A server under test, run as its own process pinned to core 0 (the load generator has core 1),
/// so the two never compete for a core. Its output goes to a log file beside its data; disposing
/// stops exactly this process, by its id.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string ServerCore = "0";
    public const string GeneratorCore = "1";

    private readonly Process _process;
    private readonly StreamWriter _log;

    private HostProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The server's own process id (taskset execs it), e.g. to read its memory from /proc.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts <paramref name="fileName"/> under <c>taskset -c 0</c> and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<HostProcess> StartAsync(string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, int port, string readyPath, string logPath)
    {
        var info = new ProcessStartInfo("taskset")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(ServerCore);
        info.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // If the bench is stopped (Ctrl+C, kill), take this server down with it rather than leave it running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopQuietly(process);
        var host = new HostProcess(process, log, new Uri($"http://127.0.0.1:{port}"));
        await host.WaitUntilReadyAsync(name, readyPath, logPath);
        return host;
    }

    /// <summary>A port nobody listens on now; the host binds it a moment later.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync(string name, string readyPath, string logPath)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {_process.ExitCode} before it was ready; see {logPath}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(readyPath, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{name} was not ready after 90 s; see {logPath}.");
    }

    private static void StopQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone or disposed.
        }
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // taskset execs the target, so this id is the server itself: stop only this process.
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
