namespace Touchpoint.Core.Email;

/// <summary>Bound from <c>Touchpoint:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Touchpoint:Outbox";

    /// <summary>Run the dispatcher in this process. Turn off on nodes that should only serve requests.</summary>
    public bool RunDispatcher { get; set; } = true;
    public int PollSeconds { get; set; } = 10;
    public int BatchSize { get; set; } = 20;
    public int MaxAttempts { get; set; } = 8;
    /// <summary>How long a claimed row stays with one dispatcher before another may take it over.</summary>
    public int LeaseSeconds { get; set; } = 120;
}
