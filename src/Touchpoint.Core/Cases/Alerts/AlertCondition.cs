using System.Text.Json.Serialization;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// One condition of an alert rule, as stored in <see cref="AlertRule.Conditions"/> (a JSON array of
/// these; all must hold). Which fields a condition uses depends on its <see cref="Kind"/>; the shapes
/// are listed in docs/cases.md and checked by <see cref="AlertConditions.Parse"/>.
/// </summary>
public sealed record AlertCondition
{
    public required string Kind { get; init; }

    /// <summary>score: nps, csat or ces.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Metric { get; init; }

    /// <summary>score: the inclusive range; csat (conversation): <see cref="Max"/> is "at or below".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Min { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Max { get; init; }

    /// <summary>sentiment: a label (negative, neutral, positive) ...</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Label { get; init; }

    /// <summary>... or a compound score (-1..1) the text must be below.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Below { get; init; }

    /// <summary>wait: the customer waited longer than this many minutes for a first reply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Minutes { get; init; }

    /// <summary>property: the event property path (e.g. "amount" or "properties.order.total") and the comparison.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Op { get; init; }

    /// <summary>signal, topic, survey, event, segment, persona, touchPoint, channel, property: the value to match.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Value { get; init; }

    /// <summary>segment: "current" (the customer's membership now) or "snapshot" (when they answered; responses only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? At { get; init; }
}

/// <summary>The condition kinds, and which triggers each applies to.</summary>
public static class AlertConditionKinds
{
    public const string Score = "score";
    public const string Sentiment = "sentiment";
    public const string Signal = "signal";
    public const string Topic = "topic";
    public const string Survey = "survey";
    public const string Csat = "csat";
    public const string Wait = "wait";
    public const string Event = "event";
    public const string Property = "property";
    public const string Segment = "segment";
    public const string Persona = "persona";
    public const string TouchPoint = "touchPoint";
    public const string Channel = "channel";

    private static readonly string[] ResponseOnly = [Score, Sentiment, Signal, Topic, Survey];
    private static readonly string[] ConversationOnly = [Csat, Wait];
    private static readonly string[] EventOnly = [Event, Property];
    private static readonly string[] Everywhere = [Segment, Persona, TouchPoint, Channel];

    public static IReadOnlyList<string> For(AlertTrigger trigger) => trigger switch
    {
        AlertTrigger.Response => [.. ResponseOnly, .. Everywhere],
        AlertTrigger.Conversation => [.. ConversationOnly, .. Everywhere],
        _ => [.. EventOnly, .. Everywhere],
    };
}

/// <summary>
/// The three classic "unhappy customer" bands, offered as presets by the rule form: the score
/// conditions they stand for follow docs/metrics.md.
/// </summary>
public static class AlertPresets
{
    public static readonly IReadOnlyDictionary<string, AlertCondition> All = new Dictionary<string, AlertCondition>
    {
        ["npsDetractor"] = new() { Kind = AlertConditionKinds.Score, Metric = "nps", Min = 0, Max = 6 },
        ["csatLow"] = new() { Kind = AlertConditionKinds.Score, Metric = "csat", Min = 1, Max = 2 },
        ["cesDifficult"] = new() { Kind = AlertConditionKinds.Score, Metric = "ces", Min = 1, Max = 3 },
    };
}
