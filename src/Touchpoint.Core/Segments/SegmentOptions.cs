namespace Touchpoint.Core.Segments;

/// <summary>Bound from <c>Touchpoint:Segments</c>.</summary>
public sealed class SegmentOptions
{
    public const string Section = "Touchpoint:Segments";

    /// <summary>
    /// How often every workspace's segments, personas and lifecycle stages are recomputed in full (also
    /// once at start-up): catches time-window rules and changes written by other nodes.
    /// </summary>
    public TimeSpan RecomputeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long changed customers are collected before they are re-evaluated together.</summary>
    public TimeSpan ChangeWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Run the maintainer in this process. Turn off on nodes that should only serve requests.</summary>
    public bool RunMaintainer { get; set; } = true;
}
