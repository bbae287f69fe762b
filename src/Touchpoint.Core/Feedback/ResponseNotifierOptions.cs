namespace Touchpoint.Core.Feedback;

/// <summary>Bound from <c>Touchpoint:ResponseNotifier</c>.</summary>
public sealed class ResponseNotifierOptions
{
    public const string Section = "Touchpoint:ResponseNotifier";

    /// <summary>Run the notifier in this process. Turn off on nodes that should only serve requests.</summary>
    public bool RunNotifier { get; set; } = true;
    /// <summary>How often to look for completed responses when nothing woke the notifier.</summary>
    public int PollSeconds { get; set; } = 3;
    public int BatchSize { get; set; } = 100;
}
