using System.Diagnostics;
using System.Reflection;

namespace Touchpoint.Bench;

/// <summary>
/// Keeps the load generator off the server's core. The bench re-runs itself under
/// <c>taskset -c 1</c> (servers get core 0): a process pinned from its first instruction pins every
/// thread the runtime starts, which setting the affinity from inside would not.
/// </summary>
internal static class Pinning
{
    private const string Marker = "TOUCHPOINT_BENCH_PINNED";

    /// <summary>How to start this same program: its apphost, or <c>dotnet Touchpoint.Bench.dll</c>.</summary>
    public static (string FileName, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var dll = Assembly.GetEntryAssembly()!.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? (process, [dll]) : (process, []);
    }

    /// <summary>Null when this process is already pinned (or cannot be); otherwise the exit code of the pinned copy.</summary>
    public static int? RunPinned(string[] args)
    {
        if (Environment.GetEnvironmentVariable(Marker) == "1" || !OperatingSystem.IsLinux() || !File.Exists("/usr/bin/taskset"))
        {
            if (Environment.GetEnvironmentVariable(Marker) != "1")
            {
                Console.Error.WriteLine("warning: taskset not found; the generator is not pinned and shares cores with the server.");
            }

            return null;
        }

        var (fileName, prefix) = Self();
        var info = new ProcessStartInfo("taskset") { UseShellExecute = false };
        foreach (var arg in new[] { "-c", HostProcess.GeneratorCore, fileName }.Concat(prefix).Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[Marker] = "1";
        using var child = Process.Start(info)!;
        child.WaitForExit();
        return child.ExitCode;
    }
}
