using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;

namespace Touchpoint.Core.Customers;

/// <summary>Personas: a name, a priority and a rule. Any change reassigns every customer's persona at once.</summary>
public sealed class PersonaService(TouchpointDbContext db, SegmentRuleValidator validator, SegmentEvaluator evaluator, TimeProvider clock)
{
    public sealed record Input(string? Name, string? Description, int? Priority, JsonElement? Rule);

    public async Task<(Persona? Persona, Dictionary<string, string[]> Errors)> SaveAsync(Guid? id, Input input, CancellationToken ct = default)
    {
        var persona = id is { } existing ? await db.Personas.FirstOrDefaultAsync(p => p.Id == existing, ct) : null;
        var errors = new Dictionary<string, string[]>();
        if (id is not null && persona is null)
        {
            return (null, errors);
        }

        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors["name"] = ["Give the persona a name of 1 to 100 characters."];
        }
        else if (await db.Personas.AnyAsync(p => p.Name == name && p.Id != id, ct))
        {
            errors["name"] = ["Another persona has this name; choose another."];
        }

        if (input.Description is { Length: > 500 })
        {
            errors["description"] = ["Keep the description under 500 characters."];
        }

        if (input.Priority is < 0 or > 10_000)
        {
            errors["priority"] = ["Give a priority from 0 to 10000; lower numbers win."];
        }

        var rule = await validator.CheckAsync(input.Rule, "rule", ct: ct);
        foreach (var (field, messages) in rule.Errors)
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return (persona, errors);
        }

        if (persona is null)
        {
            persona = new Persona { Name = name!, Rule = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Personas.Add(persona);
        }

        persona.Name = name!;
        persona.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        persona.Priority = input.Priority ?? persona.Priority;
        persona.Rule = rule.Rule!.ToJson();
        await db.SaveChangesAsync(ct);
        await evaluator.RefreshPersonasAsync(null, ct);
        return (persona, errors);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var persona = await db.Personas.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (persona is null)
        {
            return false;
        }

        // Customers lose the persona by the foreign key; some may now meet the next persona in priority.
        db.Personas.Remove(persona);
        await db.SaveChangesAsync(ct);
        await evaluator.RefreshPersonasAsync(null, ct);
        return true;
    }
}
