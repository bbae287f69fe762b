namespace Touchpoint.Core.Cases.Sla;

public sealed class SlaOptions
{
    public const string Section = "Touchpoint:Cases:Sla";

    /// <summary>How often the SLA clocks are checked; a warning or breach is noticed at most this late.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>Set false on nodes that should not run the SLA worker (any number of nodes may run it).</summary>
    public bool Enabled { get; set; } = true;
}
