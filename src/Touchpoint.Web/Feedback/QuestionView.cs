using System.Globalization;
using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Web.Feedback;

/// <summary>A question as the survey page shows it: texts in the respondent's language with values piped in (plain text, encoded by Razor), the answer so far, and its error.</summary>
internal sealed record QuestionView(Question Question, string Title, string? Description, string? MinLabel, string? MaxLabel,
    IReadOnlyList<(string Value, string Text)> Choices, IReadOnlyList<(string Value, string Text)> Rows, JsonNode? Value, string? Error)
{
    public string Id => Question.Id;

    public static QuestionView Of(Question question, string language, string defaultLanguage, Func<string, string?> pipe, JsonNode? value, string? error)
    {
        string Text(LocalizedText? text) => text is null ? "" : Piping.Fill(text.In(language, defaultLanguage), pipe);
        var metricScale = question.Metric is { } metric ? RatingScale.For(metric) : null;
        return new QuestionView(question, Text(question.Title), question.Description is null ? null : Text(question.Description),
            question.MinLabel is null ? metricScale?.MinLabel : Text(question.MinLabel),
            question.MaxLabel is null ? metricScale?.MaxLabel : Text(question.MaxLabel),
            (question.Choices ?? []).Select(c => (c.Value, Text(c.Text))).ToList(),
            (question.Rows ?? []).Select(r => (r.Value, Text(r.Text))).ToList(), value, error);
    }

    /// <summary>Whether <paramref name="option"/> is the answer, or one of them.</summary>
    public bool Has(string option) => Value switch
    {
        JsonArray items => items.Any(i => Plain(i) == option),
        _ => Plain(Value) == option,
    };

    /// <summary>The column chosen in a matrix row.</summary>
    public string? Cell(string row) => Value is JsonObject grid ? Plain(grid[row]) : null;

    /// <summary>The rank (1 = first) of a ranking's option.</summary>
    public int? Rank(string option) => Value is JsonArray order
        ? order.Select(Plain).ToList().IndexOf(option) is var i and >= 0 ? i + 1 : null
        : null;

    public string? TextValue => Plain(Value);

    public static string? Plain(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        JsonArray items => string.Join(", ", items.Select(Plain)),
        _ => null,
    };

    public IEnumerable<int> ScaleValues => Question.Scale is { } scale ? Enumerable.Range(scale.Min, scale.Max - scale.Min + 1) : [];

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
