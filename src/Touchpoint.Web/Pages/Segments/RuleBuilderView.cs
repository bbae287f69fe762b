using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Pages.Segments;

/// <summary>What the rule builder partial needs: the form field, the rule JSON, and the pickers' choices.</summary>
internal sealed record RuleBuilderView(string FieldName, string Json, Guid? Self, string ChoicesJson)
{
    public const string EveryoneJson = "{\n  \"type\": \"all\",\n  \"rules\": []\n}";

    /// <summary>
    /// Trait keys from the catalogue, personas and segments (not <paramref name="self"/>) for the pickers,
    /// serialized with the default encoder, which escapes &lt; and &amp; so the JSON is safe in a script tag.
    /// </summary>
    public static async Task<RuleBuilderView> CreateAsync(TouchpointDbContext db, string fieldName, string? json, Guid? self, CancellationToken ct)
    {
        var traits = await db.TraitDefinitions.AsNoTracking().OrderBy(t => t.Key).Select(t => new { key = t.Key, label = t.Label }).ToListAsync(ct);
        var personas = await db.Personas.AsNoTracking().OrderBy(p => p.Priority).Select(p => new { id = p.Id, name = p.Name }).ToListAsync(ct);
        var segments = await db.Segments.AsNoTracking().Where(s => s.Id != self).OrderBy(s => s.Name).Select(s => new { id = s.Id, name = s.Name })
            .ToListAsync(ct);
        return new RuleBuilderView(fieldName, string.IsNullOrWhiteSpace(json) ? EveryoneJson : json, self,
            JsonSerializer.Serialize(new { traits, personas, segments }));
    }

    /// <summary>Pretty JSON for the textarea.</summary>
    public static string Pretty(string? rule) =>
        string.IsNullOrWhiteSpace(rule) ? EveryoneJson : JsonSerializer.Serialize(JsonDocument.Parse(rule).RootElement, Indented);

    /// <summary>Reads the textarea: a parse error is a field error on <c>rule</c>.</summary>
    public static JsonElement? Parse(string? text, Dictionary<string, string[]> errors)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            errors["rule"] = [$"The rule is not valid JSON (line {ex.LineNumber + 1}): check quotes, commas and brackets."];
            return null;
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
