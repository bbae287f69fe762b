using System.Text.Json;
using System.Text.Json.Nodes;

namespace Touchpoint.Web.Customers;

/// <summary>
/// Reads a request body as one JSON object whatever its JSON media type (application/json or
/// application/merge-patch+json), so a patch is never refused for its content type.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    /// <summary>The object, or null with a field error under "body" saying what to send.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, ct);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return JsonObject.Create(document.RootElement.Clone());
            }
        }
        catch (JsonException)
        {
            errors["body"] = ["The body is not valid JSON (or names a field twice). Send one JSON object."];
            return null;
        }

        errors["body"] = ["Send one JSON object, such as {\"name\": \"Ana\"}."];
        return null;
    }
}
