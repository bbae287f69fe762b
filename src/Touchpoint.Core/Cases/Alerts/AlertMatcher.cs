using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>Decides whether an item meets every condition of a rule. Pure: the facts are read beforehand.</summary>
public static class AlertMatcher
{
    public static bool Matches(IReadOnlyList<AlertCondition> conditions, AlertItem item) =>
        conditions.Count > 0 && conditions.All(c => Holds(c, item));

    public static bool Holds(AlertCondition c, AlertItem item) => c.Kind switch
    {
        AlertConditionKinds.Score => item.Metric is { } metric && metric.ToString().Equals(c.Metric, StringComparison.OrdinalIgnoreCase)
            && item.Score is { } score && (c.Min is null || score >= c.Min) && (c.Max is null || score <= c.Max),
        AlertConditionKinds.Sentiment => item.Texts.Any(t => t.Scored
            && (c.Label is { } label ? t.SentimentLabel == label : (decimal)t.Sentiment < c.Below)),
        AlertConditionKinds.Signal => item.Texts.Any(t => t.Signals.Contains(c.Value)),
        AlertConditionKinds.Topic => item.Texts.Any(t => t.Topics.Any(topic => IsTopicOrBelow(topic, c.Value!))),
        AlertConditionKinds.Survey => Guid.TryParse(c.Value, out var survey) && item.SurveyId == survey,
        AlertConditionKinds.Csat => item.ConversationCsat is { } csat && csat <= c.Max,
        AlertConditionKinds.Wait => item.WaitMinutes is { } waited && waited > c.Minutes,
        AlertConditionKinds.Event => string.Equals(item.EventName, c.Value, StringComparison.OrdinalIgnoreCase),
        AlertConditionKinds.Property => PropertyHolds(c, item.Properties),
        AlertConditionKinds.Segment => Guid.TryParse(c.Value, out var segment) && InSegment(c, item, segment),
        AlertConditionKinds.Persona => Guid.TryParse(c.Value, out var persona)
            && (item.Trigger == AlertTrigger.Response && item.SnapshotPersonaId is not null ? item.SnapshotPersonaId : item.CurrentPersonaId) == persona,
        AlertConditionKinds.TouchPoint => Guid.TryParse(c.Value, out var touchPoint) && item.TouchPointId == touchPoint,
        AlertConditionKinds.Channel => item.Channel?.ToString().Equals(c.Value, StringComparison.OrdinalIgnoreCase) == true,
        _ => false,
    };

    /// <summary>Responses default to the snapshot (who the customer was when answering); everything else to current membership.</summary>
    private static bool InSegment(AlertCondition c, AlertItem item, Guid segment) =>
        (c.At ?? (item.Trigger == AlertTrigger.Response ? "snapshot" : "current")) == "snapshot"
            ? item.SnapshotSegments.Contains(segment)
            : item.CurrentSegments.Contains(segment);

    private static bool IsTopicOrBelow(string topic, string wanted) =>
        topic.Equals(wanted, StringComparison.OrdinalIgnoreCase)
        || topic.StartsWith(wanted + TopicMatch.PathSeparator, StringComparison.OrdinalIgnoreCase);

    private static bool PropertyHolds(AlertCondition c, JsonObject? properties)
    {
        var node = Find(properties, c.Path!);
        if (node is null)
        {
            return c.Op == "!=";
        }

        var actual = node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node.ToJsonString();
        var numeric = decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            & decimal.TryParse(c.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var expected);
        return c.Op switch
        {
            "=" => numeric ? number == expected : string.Equals(actual, c.Value, StringComparison.OrdinalIgnoreCase),
            "!=" => numeric ? number != expected : !string.Equals(actual, c.Value, StringComparison.OrdinalIgnoreCase),
            ">" => numeric && number > expected,
            ">=" => numeric && number >= expected,
            "<" => numeric && number < expected,
            "<=" => numeric && number <= expected,
            "contains" => actual.Contains(c.Value!, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>"amount", "properties.amount" and "order.total" all reach into the event's properties.</summary>
    private static JsonNode? Find(JsonObject? properties, string path)
    {
        var parts = path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 1 && parts[0] == "properties")
        {
            parts = parts[1..];
        }

        JsonNode? node = properties;
        foreach (var part in parts)
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var next) ? next : null;
        }

        return node;
    }

    /// <summary>"Detractor", "Low CSAT", "Difficult": the band's name for a case title, or null when the score is in no unhappy band.</summary>
    public static string? UnhappyBand(SurveyMetric? metric, int? score) => (metric, score) switch
    {
        (SurveyMetric.Nps, <= 6) => "Detractor",
        (SurveyMetric.Csat, <= 2) => "Low CSAT",
        (SurveyMetric.Ces, <= 3) => "Difficult",
        _ => null,
    };
}
