namespace Touchpoint.Core.Cases.Alerts;

/// <summary>The alert worker's settings (<c>Touchpoint:Cases:Alerts</c>, documented in docs/configuration.md).</summary>
public sealed class AlertOptions
{
    public const string Section = "Touchpoint:Cases:Alerts";

    /// <summary>False on nodes that must not evaluate rules (their data still fires on the nodes that do).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How often the worker looks without being woken (and checks conversations' waits).</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>
    /// How old a response or event must be before it is read: a row stamped a moment before another
    /// may commit a moment after it, and the cursor must not pass it by.
    /// </summary>
    public double SettleSeconds { get; set; } = 2;

    public int BatchSize { get; set; } = 200;

    /// <summary>How far back conversations are looked at for a rating, a resolution or a long wait.</summary>
    public int ConversationLookbackHours { get; set; } = 48;
}
