using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Text;

/// <summary>
/// <c>POST /api/v1/text/analyze</c> with <c>{ "texts": ["..."] }</c>: sentiment, emotions, topics and intents
/// (signals and the classifier's topics) per text, in order, with the caller's workspace taxonomy and model.
/// Nothing is stored.
/// </summary>
internal static class TextAnalyzeApi
{
    public const int MaxTexts = 100;
    public const int MaxTextLength = 100_000;

    public sealed record AnalyzeRequest(IReadOnlyList<string> Texts);

    public sealed record AnalyzeResponse(IReadOnlyList<TextAnalysisDto> Results);

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    public static void MapTextAnalyzeApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/text/analyze", AnalyzeAsync).RequireAuthorization(Permission.AnalyzeText.Name)
            .Accepts<AnalyzeRequest>("application/json").WithTags("Text");

    private static async Task<Results<Ok<AnalyzeResponse>, ValidationProblem>> AnalyzeAsync(HttpRequest request, WorkspaceScope scope,
        ITextAnalyzerSource analyzers, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var texts = await ReadTextsAsync(request, errors, ct);
        if (texts is null)
        {
            return Problems.Invalid(errors);
        }

        var workspace = await analyzers.GetAsync(scope.WorkspaceId, ct);
        return TypedResults.Ok(new AnalyzeResponse(texts.Select(t => TextAnalysisDto.From(workspace.Analyzer.Analyze(t))).ToList()));
    }

    /// <summary>The texts, or null with an error naming the field (<c>body</c>, <c>texts</c> or <c>texts[i]</c>).</summary>
    private static async Task<List<string>?> ReadTextsAsync(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, Options, ct);
        }
        catch (JsonException)
        {
            errors["body"] = ["The body is not valid JSON. Send {\"texts\": [\"...\"]}."];
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryGetTexts(root, out var array))
            {
                errors["texts"] = [$"Send 'texts': an array of 1 to {MaxTexts} strings."];
                return null;
            }

            var count = array.GetArrayLength();
            if (count == 0 || count > MaxTexts)
            {
                errors["texts"] = [count == 0 ? "Send at least one text." : $"Send at most {MaxTexts} texts per request (this one has {count})."];
                return null;
            }

            var texts = new List<string>(count);
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    errors[$"texts[{index}]"] = ["Each text must be a string."];
                }
                else if (item.GetString() is { } text && text.Length > MaxTextLength)
                {
                    errors[$"texts[{index}]"] = [$"A text can have at most {MaxTextLength} characters (this one has {text.Length})."];
                }
                else
                {
                    texts.Add(item.GetString()!);
                }

                index++;
            }

            return errors.Count == 0 ? texts : null;
        }
    }

    /// <summary>"texts", matched without regard to case as the rest of the API binds JSON.</summary>
    private static bool TryGetTexts(JsonElement root, out JsonElement array)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, "texts", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Array)
            {
                array = property.Value;
                return true;
            }
        }

        array = default;
        return false;
    }
}
