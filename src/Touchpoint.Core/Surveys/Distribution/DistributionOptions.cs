namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>Bound from <c>Touchpoint:Invitations</c>.</summary>
public sealed class DistributionOptions
{
    public const string Section = "Touchpoint:Invitations";

    /// <summary>Run the invitation scheduler and reminder job in this process.</summary>
    public bool RunScheduler { get; set; } = true;
    /// <summary>How often it looks for invitations whose quiet hours ended and for reminders due.</summary>
    public int PollSeconds { get; set; } = 30;
    public int BatchSize { get; set; } = 50;
}
