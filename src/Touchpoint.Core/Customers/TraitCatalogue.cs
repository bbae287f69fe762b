using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>Adds, changes and removes trait definitions; the key is the handle and never changes.</summary>
public sealed class TraitCatalogue(TouchpointDbContext db)
{
    public sealed record Input(string? Key, string? Label, string? Category, string? Type, string? Description, bool? IsReportingTrait);

    /// <summary>Creates the definition for <c>input.Key</c>, or (with <paramref name="key"/>) updates that one.</summary>
    public async Task<(TraitDefinition? Definition, Dictionary<string, string[]> Errors)> SaveAsync(string? key, Input input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var definition = key is null ? null : await db.TraitDefinitions.FirstOrDefaultAsync(t => t.Key == key, ct);
        if (key is not null && definition is null)
        {
            return (null, errors);
        }

        var newKey = key ?? input.Key?.Trim();
        if (definition is null)
        {
            if (string.IsNullOrEmpty(newKey) || newKey.Length > 64 || newKey.Any(char.IsWhiteSpace))
            {
                errors["key"] = ["Give the trait key as sent in traits: 1 to 64 characters, no spaces (nested keys use dots: address.city)."];
            }
            else if (await db.TraitDefinitions.AnyAsync(t => t.Key == newKey, ct))
            {
                errors["key"] = ["This trait is already in the catalogue; change it with PUT /api/v1/traits/{key}."];
            }
        }

        var label = input.Label?.Trim();
        if (string.IsNullOrEmpty(label) || label.Length > 100)
        {
            errors["label"] = ["Give a label of 1 to 100 characters."];
        }

        var category = Parse<TraitCategory>(input.Category, "category", definition?.Category ?? TraitCategory.Other, errors);
        var type = Parse<TraitType>(input.Type, "type", definition?.Type ?? TraitType.Text, errors);
        if (input.Description is { Length: > 500 })
        {
            errors["description"] = ["Keep the description under 500 characters."];
        }

        if (errors.Count > 0)
        {
            return (definition, errors);
        }

        if (definition is null)
        {
            definition = new TraitDefinition { Key = newKey!, Label = label! };
            db.TraitDefinitions.Add(definition);
        }

        definition.Label = label!;
        definition.Category = category;
        definition.Type = type;
        definition.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        definition.IsReportingTrait = input.IsReportingTrait ?? definition.IsReportingTrait;
        await db.SaveChangesAsync(ct);
        return (definition, errors);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken ct = default) =>
        await db.TraitDefinitions.Where(t => t.Key == key).ExecuteDeleteAsync(ct) > 0;

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static T Parse<T>(string? value, string field, T fallback, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (value is null)
        {
            return fallback;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, out _) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors[field] = [$"Use one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}."];
        return fallback;
    }
}
