using System.Globalization;
using System.Text.Json;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Text.Signals;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// Reads and checks a rule's conditions: every mistake is reported against the field that holds it
/// (<c>conditions[2].value</c>) with what to write instead, so an API caller or the form can fix it.
/// </summary>
public static class AlertConditions
{
    public const int MaxConditions = 20;
    public const int MaxValueLength = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlyList<string> Operators = ["=", "!=", ">", ">=", "<", "<=", "contains"];
    public static readonly IReadOnlyList<string> SentimentLabels = ["negative", "neutral", "positive"];

    public static string Serialize(IReadOnlyList<AlertCondition> conditions) => JsonSerializer.Serialize(conditions, Json);

    /// <summary>The stored conditions; a rule saved by this code always reads back.</summary>
    public static IReadOnlyList<AlertCondition> Read(string json) =>
        JsonSerializer.Deserialize<List<AlertCondition>>(json, Json) ?? [];

    /// <summary>Parses conditions sent as JSON (an array of objects) and checks them for <paramref name="trigger"/>.</summary>
    public static (List<AlertCondition> Conditions, Dictionary<string, string[]> Errors) Parse(JsonElement? body, AlertTrigger trigger)
    {
        var errors = new Dictionary<string, string[]>();
        var conditions = new List<AlertCondition>();
        if (body is not { ValueKind: JsonValueKind.Array } array)
        {
            errors["conditions"] = ["Send 'conditions' as an array of objects, e.g. [{\"kind\":\"score\",\"metric\":\"nps\",\"min\":0,\"max\":6}]."];
            return (conditions, errors);
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var field = $"conditions[{index}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors[field] = ["Each condition is an object with a 'kind'."];
            }
            else if (ReadOne(element, field, errors) is { } condition)
            {
                conditions.Add(condition);
            }

            index++;
        }

        if (errors.Count == 0)
        {
            foreach (var (key, value) in Validate(conditions, trigger))
            {
                errors[key] = value;
            }
        }

        return (conditions, errors);
    }

    private static AlertCondition? ReadOne(JsonElement element, string field, Dictionary<string, string[]> errors)
    {
        string? Text(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => Bad(name, "Write a string or a number."),
            };
        }

        decimal? Number(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String
                && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            Bad(name, "Write a number.");
            return null;
        }

        string? Bad(string name, string message)
        {
            errors[$"{field}.{name}"] = [message];
            return null;
        }

        var kind = Text("kind");
        var minutes = Number("minutes");
        var condition = new AlertCondition
        {
            Kind = kind ?? "",
            Metric = Text("metric")?.ToLowerInvariant(),
            Min = Number("min"),
            Max = Number("max"),
            Label = Text("label")?.ToLowerInvariant(),
            Below = Number("below"),
            Minutes = minutes is { } m ? (int)Math.Min(m, int.MaxValue) : null,
            Path = Text("path"),
            Op = Text("op"),
            Value = Text("value"),
            At = Text("at")?.ToLowerInvariant(),
        };
        return errors.Keys.Any(k => k.StartsWith(field + ".", StringComparison.Ordinal)) ? null : condition;
    }

    /// <summary>Checks conditions already read (from the API or the form); the keys name the field to fix.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<AlertCondition> conditions, AlertTrigger trigger)
    {
        var errors = new Dictionary<string, string[]>();
        if (conditions.Count == 0)
        {
            errors["conditions"] = ["Add at least one condition: a rule without conditions would open a case for everything."];
        }
        else if (conditions.Count > MaxConditions)
        {
            errors["conditions"] = [$"A rule takes at most {MaxConditions} conditions."];
        }

        var allowed = AlertConditionKinds.For(trigger);
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            var field = $"conditions[{i}]";
            if (!allowed.Contains(c.Kind))
            {
                errors[$"{field}.kind"] = [$"On a {trigger.ToString().ToLowerInvariant()} rule, 'kind' is one of: {string.Join(", ", allowed)}."];
                continue;
            }

            if (c.Value is { Length: > MaxValueLength })
            {
                errors[$"{field}.value"] = [$"Keep the value under {MaxValueLength} characters."];
                continue;
            }

            if (Check(c) is ({ } name, { } message))
            {
                errors[$"{field}.{name}"] = [message];
            }
        }

        return errors;
    }

    private static (string? Field, string? Message) Check(AlertCondition c)
    {
        switch (c.Kind)
        {
            case AlertConditionKinds.Score:
                if (ScaleOf(c.Metric) is not var (low, high))
                {
                    return ("metric", "Write nps, csat or ces.");
                }

                if (c.Min is null && c.Max is null)
                {
                    return ("max", $"Give 'min', 'max' or both, on the {c.Metric} scale {low}-{high}.");
                }

                if (c.Min is { } min && (min < low || min > high || min != decimal.Truncate(min)))
                {
                    return ("min", $"Write a whole number from {low} to {high}.");
                }

                if (c.Max is { } max && (max < low || max > high || max != decimal.Truncate(max)))
                {
                    return ("max", $"Write a whole number from {low} to {high}.");
                }

                return c.Min > c.Max ? ("min", "'min' must not be above 'max'.") : (null, null);
            case AlertConditionKinds.Sentiment:
                if (c.Label is null == c.Below is null)
                {
                    return ("label", "Give either 'label' (negative, neutral or positive) or 'below' (a compound score from -1 to 1).");
                }

                if (c.Label is not null && !SentimentLabels.Contains(c.Label))
                {
                    return ("label", "Write negative, neutral or positive.");
                }

                return c.Below is < -1 or > 1 ? ("below", "Write a number from -1 to 1.") : (null, null);
            case AlertConditionKinds.Signal:
                return SignalKinds.All.Contains(c.Value ?? "") ? (null, null) : ("value", $"Write one of: {string.Join(", ", SignalKinds.All)}.");
            case AlertConditionKinds.Topic:
            case AlertConditionKinds.Event:
                return string.IsNullOrWhiteSpace(c.Value) ? ("value", c.Kind == AlertConditionKinds.Topic
                    ? "Write a topic path, e.g. \"Delivery\" or \"Billing > Refunds\" (its sub-topics match too)."
                    : "Write the event name, e.g. \"Order Refunded\".") : (null, null);
            case AlertConditionKinds.Survey:
            case AlertConditionKinds.Persona:
            case AlertConditionKinds.TouchPoint:
                return Guid.TryParse(c.Value, out _) ? (null, null) : ("value", $"Write the {c.Kind}'s id.");
            case AlertConditionKinds.Segment:
                if (!Guid.TryParse(c.Value, out _))
                {
                    return ("value", "Write the segment's id.");
                }

                return c.At is null or "current" or "snapshot" ? (null, null) : ("at", "Write current or snapshot.");
            case AlertConditionKinds.Channel:
                return Enum.TryParse<Channel>(c.Value, ignoreCase: true, out var channel) && Enum.IsDefined(channel) && !int.TryParse(c.Value, out _)
                    ? (null, null)
                    : ("value", $"Write one of: {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant()))}.");
            case AlertConditionKinds.Csat:
                return c.Max is { } csat && csat >= 1 && csat <= 5 && csat == decimal.Truncate(csat)
                    ? (null, null) : ("max", "Write the highest rating that counts (a whole number from 1 to 5).");
            case AlertConditionKinds.Wait:
                return c.Minutes is > 0 and <= 100_000 ? (null, null) : ("minutes", "Write a number of minutes above 0.");
            case AlertConditionKinds.Property:
                if (string.IsNullOrWhiteSpace(c.Path))
                {
                    return ("path", "Write the property, e.g. \"amount\" or \"properties.order.total\".");
                }

                if (!Operators.Contains(c.Op ?? ""))
                {
                    return ("op", $"Write one of: {string.Join(" ", Operators)}.");
                }

                if (c.Value is null)
                {
                    return ("value", "Write the value to compare with.");
                }

                return c.Op is ">" or ">=" or "<" or "<=" && !decimal.TryParse(c.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
                    ? ("value", $"'{c.Op}' compares numbers: write a number.") : (null, null);
            default:
                return ("kind", "Unknown kind.");
        }
    }

    /// <summary>The answer scale of a metric (docs/metrics.md); null for an unknown metric.</summary>
    public static (int Low, int High)? ScaleOf(string? metric) => metric switch
    {
        "nps" => (0, 10),
        "csat" => (1, 5),
        "ces" => (1, 7),
        _ => null,
    };
}
