namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>Touchpoint:Rollups — the daily rollups behind the metrics (docs/metrics.md, "How scores stay fast").</summary>
public sealed class RollupOptions
{
    public const string Section = "Touchpoint:Rollups";

    /// <summary>False keeps this node from maintaining rollups (another node does; readers fall back to raw rows meanwhile).</summary>
    public bool RunMaintainer { get; set; } = true;

    /// <summary>How often the maintainer looks for marks it was not woken for (other nodes' writes, a missed wake-up).</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Marks handled per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Local days a rebuild writes per transaction (a rebuild resumes from the last one after a restart).</summary>
    public int RebuildDays { get; set; } = 14;
}
