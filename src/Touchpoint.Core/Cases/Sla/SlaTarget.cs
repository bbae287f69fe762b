namespace Touchpoint.Core.Cases.Sla;

/// <summary>The two promises a policy makes about a case.</summary>
public enum SlaTarget
{
    FirstResponse,
    Resolution,
}

public static class SlaTargetNames
{
    public static string Label(this SlaTarget target) => target == SlaTarget.FirstResponse ? "first response" : "resolution";

    public static string Key(this SlaTarget target) => target == SlaTarget.FirstResponse ? "firstResponse" : "resolution";
}
