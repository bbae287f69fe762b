namespace Touchpoint.Core.Text.Signals;

/// <summary>The values of <see cref="Signal.Kind"/>.</summary>
public static class SignalKinds
{
    /// <summary>The customer says they are leaving: "cancel my account", "switching to X", "you lost a customer".</summary>
    public const string Churn = "churn";

    /// <summary>Getting help cost the customer effort: "had to call three times", "transferred four times".</summary>
    public const string Effort = "effort";

    /// <summary>The customer needs it soon: "asap", "urgent", "before Friday", "emergency".</summary>
    public const string Urgency = "urgency";

    /// <summary>Praise for a person on the team: "Anna was fantastic", "thanks to the driver".</summary>
    public const string PraiseEmployee = "praiseEmployee";

    /// <summary>A complaint about a person on the team: "the agent, Tom, was rude", "your rep hung up on me".</summary>
    public const string ComplaintEmployee = "complaintEmployee";

    public static IReadOnlyList<string> All { get; } = [Churn, Effort, Urgency, PraiseEmployee, ComplaintEmployee];
}
