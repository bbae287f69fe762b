using System.Globalization;

namespace Touchpoint.Bench;

/// <summary>
/// A server process's resident memory, read from <c>/proc/{pid}/status</c> (VmRSS): it counts what the
/// process really holds (managed heap, native buffers, thread stacks), which the managed heap alone would not,
/// and needs nothing exposed by the product.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS in bytes, or null when /proc is not there (not Linux) or the process is gone.</summary>
    public static long? ResidentBytes(int processId)
    {
        var path = $"/proc/{processId}/status";
        return File.Exists(path) ? ParseVmRss(File.ReadAllText(path)) : null;
    }

    /// <summary>The VmRSS line of a /proc status file ("VmRSS:   123456 kB") in bytes.</summary>
    public static long? ParseVmRss(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }

    /// <summary>Growth from <paramref name="before"/> to <paramref name="after"/> shared out over <paramref name="connections"/>, in KiB.</summary>
    public static double PerConnectionKiB(long before, long after, int connections) =>
        connections <= 0 ? 0 : (after - before) / 1024.0 / connections;
}
