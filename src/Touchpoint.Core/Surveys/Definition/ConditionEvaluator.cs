using System.Globalization;
using System.Text.Json.Nodes;

namespace Touchpoint.Core.Surveys.Definition;

/// <summary>
/// Decides display and branch conditions against the answers so far (question id to JSON value:
/// a number, a string, an array of strings, or an object of row to column for a matrix). A question
/// not answered yet makes every comparison false except <c>notAnswered</c>.
/// </summary>
public static class ConditionEvaluator
{
    public static bool Holds(Condition? condition, IReadOnlyDictionary<string, JsonNode?> answers)
    {
        if (condition is null)
        {
            return true;
        }

        if (condition.All is { } all)
        {
            return all.All(c => Holds(c, answers));
        }

        if (condition.Any is { } any)
        {
            return any.Any(c => Holds(c, answers));
        }

        if (condition.Not is { } not)
        {
            return !Holds(not, answers);
        }

        var answer = condition.Question is not null && answers.TryGetValue(condition.Question, out var a) ? a : null;
        var answered = IsAnswered(answer);
        return condition.Op switch
        {
            ConditionOperator.Answered => answered,
            ConditionOperator.NotAnswered => !answered,
            _ when !answered => false,
            ConditionOperator.Eq => Compare(answer!, condition.Value) == 0,
            ConditionOperator.Neq => Compare(answer!, condition.Value) is not 0,
            ConditionOperator.Lt => Compare(answer!, condition.Value) < 0,
            ConditionOperator.Lte => Compare(answer!, condition.Value) <= 0,
            ConditionOperator.Gt => Compare(answer!, condition.Value) > 0,
            ConditionOperator.Gte => Compare(answer!, condition.Value) >= 0,
            ConditionOperator.In => condition.Value is JsonArray values && Items(answer!).Any(item => values.Any(v => Compare(item, v) == 0)),
            ConditionOperator.Contains => Contains(answer!, condition.Value),
            _ => false,
        };
    }

    public static bool IsAnswered(JsonNode? answer) => answer switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        JsonValue value when value.TryGetValue<string>(out var s) => !string.IsNullOrWhiteSpace(s),
        _ => true,
    };

    private static IEnumerable<JsonNode> Items(JsonNode answer) =>
        answer is JsonArray array ? array.OfType<JsonNode>() : [answer];

    private static bool Contains(JsonNode answer, JsonNode? value)
    {
        if (answer is JsonArray)
        {
            return Items(answer).Any(item => Compare(item, value) == 0);
        }

        return Text(answer) is { } text && Text(value) is { } part && text.Contains(part, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Numbers compare as numbers (a numeric string too); anything else as ordinal text. Null when they cannot be compared.</summary>
    private static int? Compare(JsonNode answer, JsonNode? value)
    {
        if (Number(answer) is { } x && Number(value) is { } y)
        {
            return x.CompareTo(y);
        }

        return Text(answer) is { } a && Text(value) is { } b ? string.CompareOrdinal(a, b) : null;
    }

    private static double? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => null,
    };
}
