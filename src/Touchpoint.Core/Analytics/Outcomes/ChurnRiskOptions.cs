namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>Bound from <c>Touchpoint:Insights:ChurnRisk</c>.</summary>
public sealed class ChurnRiskOptions
{
    public const string Section = "Touchpoint:Insights:ChurnRisk";

    /// <summary>Runs the sweep in this process (off moves it to another node, or off in tests that drive it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sweep looks for workspaces due (a day old, or asked to recompute).</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>How old scores may get before the sweep recomputes them.</summary>
    public int RecomputeHours { get; set; } = 24;
}
