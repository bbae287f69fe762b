using System.Text.Json;
using System.Text.Json.Nodes;

namespace Touchpoint.Core.Surveys.Definition;

/// <summary>
/// Reads a definition sent as JSON and checks it; unreadable JSON becomes a field error at the path
/// of the bad value (<c>pages[0].questions[1].type</c>) instead of an exception.
/// </summary>
public static class DefinitionReader
{
    public static (SurveyDefinition? Definition, Dictionary<string, string[]> Errors) ReadAndValidate(string json)
    {
        SurveyDefinition? definition;
        try
        {
            definition = SurveyDefinition.FromJson(json);
        }
        catch (JsonException e)
        {
            return (null, new() { [Field(e.Path)] = [Explain(e.Path)] });
        }

        var errors = DefinitionValidator.Validate(definition);
        foreach (var path in QuestionsWithoutType(json))
        {
            errors[path] = ["Choose the question type: " + string.Join(", ", Enum.GetNames<QuestionType>().Select(Camel)) + "."];
        }

        return (errors.Count == 0 ? definition : null, errors);
    }

    /// <summary>A question without "type" would read as the enum's first value (NPS): say so instead of guessing.</summary>
    private static IEnumerable<string> QuestionsWithoutType(string json)
    {
        if (JsonNode.Parse(json)?["pages"] is not JsonArray pages)
        {
            yield break;
        }

        for (var p = 0; p < pages.Count; p++)
        {
            if (pages[p]?["questions"] is not JsonArray questions)
            {
                continue;
            }

            for (var q = 0; q < questions.Count; q++)
            {
                if (questions[q] is JsonObject question && question["type"] is null)
                {
                    yield return $"pages[{p}].questions[{q}].type";
                }
            }
        }
    }

    private static string Field(string? path) => path is null or "$" ? "definition" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Explain(string? path) => path switch
    {
        null or "$" => "The definition is not valid JSON, or not an object with pages.",
        _ when path.EndsWith(".type", StringComparison.Ordinal) =>
            "Use one of the question types: " + string.Join(", ", Enum.GetNames<QuestionType>().Select(Camel)) + ".",
        _ when path.EndsWith(".op", StringComparison.Ordinal) =>
            "Use one of the operators: " + string.Join(", ", Enum.GetNames<ConditionOperator>().Select(Camel)) + ".",
        _ => "This value has the wrong type or format: texts are a string or an object of language to string, lists are arrays.",
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
