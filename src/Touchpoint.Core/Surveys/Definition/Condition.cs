namespace Touchpoint.Core.Surveys.Definition;

/// <summary>
/// When a question or page is shown, or where a page branches to: a comparison on an answer
/// (<c>{"question":"q1","op":"lte","value":6}</c>) or a group (<c>{"all":[...]}</c>,
/// <c>{"any":[...]}</c>, <c>{"not":{...}}</c>). Evaluated on the server (<see cref="ConditionEvaluator"/>).
/// </summary>
public sealed class Condition
{
    public string? Question { get; set; }
    public ConditionOperator? Op { get; set; }
    /// <summary>A number, a string, or (for <c>in</c>) an array of them.</summary>
    public System.Text.Json.Nodes.JsonNode? Value { get; set; }
    public List<Condition>? All { get; set; }
    public List<Condition>? Any { get; set; }
    public Condition? Not { get; set; }
}

public enum ConditionOperator
{
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
    /// <summary>The answer (or, for multiple choice, one of its choices) is one of the values.</summary>
    In,
    /// <summary>Multiple choice includes the value; text contains it (case-insensitive).</summary>
    Contains,
    Answered,
    NotAnswered,
}
