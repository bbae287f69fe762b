using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Segments;

/// <summary>
/// Checks a rule a person or client wrote and names every mistake by its JSON path
/// (<c>rule.rules[1].op</c>). Unknown trait keys are fine (traits arrive before the catalogue knows
/// them); unknown persona or segment ids, deep nesting, too many conditions and bad numbers are not.
/// </summary>
public sealed class SegmentRuleValidator(TouchpointDbContext db)
{
    public const int MaxDepth = 8;
    public const int MaxConditions = 50;
    public const int MaxInValues = 100;

    public sealed record Result(SegmentRule? Rule, Dictionary<string, string[]> Errors)
    {
        public bool IsValid => Errors.Count == 0 && Rule is not null;
    }

    /// <param name="selfSegmentId">The segment this rule belongs to, so it cannot refer to itself.</param>
    public async Task<Result> CheckAsync(JsonElement? json, string path = "rule", Guid? selfSegmentId = null, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (json is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors[path] = ["Give a rule, for example {\"type\":\"all\",\"rules\":[]} for everyone."];
            return new Result(null, errors);
        }

        var conditions = 0;
        CheckShape(element, path, 1, ref conditions, errors);
        if (conditions > MaxConditions)
        {
            errors.TryAdd(path, [$"A rule holds at most {MaxConditions} conditions; this one has {conditions}."]);
        }

        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        SegmentRule? rule;
        try
        {
            rule = element.Deserialize<SegmentRule>(SegmentRule.Json);
        }
        catch (JsonException ex)
        {
            errors[JoinPath(path, ex.Path)] = ["This value has the wrong type: check numbers are numbers, flags true or false, ids and names text."];
            return new Result(null, errors);
        }

        var references = new List<(string Path, string Kind, Guid Id)>();
        new Checker(errors, references).Check(rule!, path);
        await CheckReferencesAsync(references, selfSegmentId, errors, ct);
        return new Result(errors.Count == 0 ? rule : null, errors);
    }

    /// <summary>Reads a stored rule; a rule that no longer parses matches nobody rather than failing the caller.</summary>
    public static SegmentRule Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new AnyOf([]);
        }

        try
        {
            return JsonSerializer.Deserialize<SegmentRule>(json, SegmentRule.Json) ?? new AnyOf([]);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return new AnyOf([]);
        }
    }

    /// <summary>The segment ids a rule refers to (to order recomputes and find cycles).</summary>
    public static HashSet<Guid> ReferencedSegments(SegmentRule rule)
    {
        var found = new HashSet<Guid>();
        Visit(rule);
        return found;

        void Visit(SegmentRule? node)
        {
            switch (node)
            {
                case AllOf all: foreach (var child in all.Rules ?? []) { Visit(child); } break;
                case AnyOf any: foreach (var child in any.Rules ?? []) { Visit(child); } break;
                case NotRule not: Visit(not.Rule); break;
                case SegmentCondition s when Guid.TryParse(s.Segment, out var id): found.Add(id); break;
                default: break;
            }
        }
    }

    private static void CheckShape(JsonElement node, string path, int depth, ref int conditions, Dictionary<string, string[]> errors)
    {
        if (depth > MaxDepth)
        {
            errors[path] = [$"Rules nest at most {MaxDepth} levels deep; flatten this group."];
            return;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            errors[path] = ["Each rule is a JSON object with a 'type'."];
            return;
        }

        if (!node.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !SegmentRule.Types.Contains(type.GetString(), StringComparer.Ordinal))
        {
            errors[$"{path}.type"] = [$"Use one of: {string.Join(", ", SegmentRule.Types)}."];
            return;
        }

        switch (type.GetString())
        {
            case "all" or "any":
                if (!node.TryGetProperty("rules", out var rules) || rules.ValueKind == JsonValueKind.Null)
                {
                    return;
                }

                if (rules.ValueKind != JsonValueKind.Array)
                {
                    errors[$"{path}.rules"] = ["'rules' is a list of rules."];
                    return;
                }

                var i = 0;
                foreach (var child in rules.EnumerateArray())
                {
                    CheckShape(child, $"{path}.rules[{i++}]", depth + 1, ref conditions, errors);
                }

                return;
            case "not":
                if (!node.TryGetProperty("rule", out var inner) || inner.ValueKind == JsonValueKind.Null)
                {
                    errors[$"{path}.rule"] = ["'not' needs the rule it negates in 'rule'."];
                    return;
                }

                CheckShape(inner, $"{path}.rule", depth + 1, ref conditions, errors);
                return;
            default:
                conditions++;
                return;
        }
    }

    private async Task CheckReferencesAsync(List<(string Path, string Kind, Guid Id)> references, Guid? self,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var personaIds = references.Where(r => r.Kind == "persona").Select(r => r.Id).Distinct().ToList();
        var segmentIds = references.Where(r => r.Kind == "segment").Select(r => r.Id).Distinct().ToList();
        var personas = personaIds.Count == 0 ? [] : await db.Personas.Where(p => personaIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var segments = segmentIds.Count == 0
            ? []
            : await db.Segments.Where(s => segmentIds.Contains(s.Id)).Select(s => new { s.Id, s.Rule }).ToListAsync(ct);
        foreach (var (path, kind, id) in references)
        {
            if (kind == "persona" && !personas.Contains(id))
            {
                errors[$"{path}.persona"] = ["No persona with this id exists in your workspace."];
            }
            else if (kind == "segment" && segments.FirstOrDefault(s => s.Id == id) is not { } segment)
            {
                errors[$"{path}.segment"] = ["No segment with this id exists in your workspace."];
            }
            else if (kind == "segment" && self is { } selfId
                && (id == selfId || ReferencesTransitively(id, selfId, segments.ToDictionary(s => s.Id, s => s.Rule))))
            {
                errors[$"{path}.segment"] = ["A segment cannot depend on itself, directly or through the segment it names."];
            }
        }

        bool ReferencesTransitively(Guid from, Guid target, Dictionary<Guid, string?> known)
        {
            // Only the named segments' own rules are looked at: one level catches the cycles people make by hand.
            return known.TryGetValue(from, out var rule) && ReferencedSegments(Parse(rule)).Contains(target);
        }
    }

    private static string JoinPath(string root, string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? root : root + jsonPath.TrimStart('$');

    /// <summary>The per-node checks, once the tree has the right shape.</summary>
    private sealed class Checker(Dictionary<string, string[]> errors, List<(string Path, string Kind, Guid Id)> references)
    {
        private static readonly string[] TraitOps = ["eq", "neq", "contains", "gt", "gte", "lt", "lte", "exists", "notExists", "in"];
        private static readonly string[] CountOps = ["gte", "lte", "eq"];
        private static readonly string[] NumericOps = ["eq", "neq", "gt", "gte", "lt", "lte"];
        private static readonly string[] Metrics = ["nps", "csat", "ces"];
        private static readonly string[] ConsentFlags = ["email", "sms", "surveys", "tracking"];

        public void Check(SegmentRule rule, string path)
        {
            switch (rule)
            {
                case AllOf all:
                    Children(all.Rules, path);
                    break;
                case AnyOf any:
                    Children(any.Rules, path);
                    break;
                case NotRule not:
                    Check(not.Rule!, $"{path}.rule");
                    break;
                case TraitCondition trait:
                    Trait(trait, path);
                    break;
                case EventCondition e:
                    Event(e, path);
                    break;
                case ScoreCondition score:
                    Op(score.Op, NumericOps, path);
                    Require(Metrics.Contains(score.Metric?.ToLowerInvariant()), $"{path}.metric", "Use one of: nps, csat, ces.");
                    Require(score.Value is { } v && double.IsFinite(v) && v is >= 0 and <= 10, $"{path}.value", "Give a score from 0 to 10.");
                    break;
                case LifecycleCondition lifecycle:
                    Require(lifecycle.Stages is { Count: > 0 }, $"{path}.stages", "Choose at least one stage.");
                    foreach (var (stage, i) in (lifecycle.Stages ?? []).Select((s, i) => (s, i)))
                    {
                        Require(LifecycleStages.TryParse(stage, out _), $"{path}.stages[{i}]",
                            $"Use one of: {string.Join(", ", LifecycleStages.Names)}.");
                    }

                    break;
                case RegionCondition region:
                    Require(!string.IsNullOrWhiteSpace(region.Country) || !string.IsNullOrWhiteSpace(region.Region) || !string.IsNullOrWhiteSpace(region.City),
                        path, "Give at least one of country, region or city.");
                    Require(region.Country is null || (region.Country.Trim().Length == 2 && region.Country.Trim().All(char.IsAsciiLetter)),
                        $"{path}.country", "Give the country as a two-letter ISO 3166 code, such as NL.");
                    Require(region.Region is not { Length: > 100 }, $"{path}.region", "Keep the region under 100 characters.");
                    Require(region.City is not { Length: > 100 }, $"{path}.city", "Keep the city under 100 characters.");
                    break;
                case RadiusCondition radius:
                    Require(radius.Latitude is >= -90 and <= 90, $"{path}.latitude", "Give a latitude from -90 to 90.");
                    Require(radius.Longitude is >= -180 and <= 180, $"{path}.longitude", "Give a longitude from -180 to 180.");
                    Require(radius.Km is > 0 and <= RuleGeometry.MaxKm, $"{path}.km", $"Give a radius above 0 and up to {RuleGeometry.MaxKm} km.");
                    break;
                case PersonaCondition persona:
                    Reference(persona.Persona, "persona", path);
                    break;
                case SegmentCondition segment:
                    Reference(segment.Segment, "segment", path);
                    break;
                case ConsentCondition consent:
                    Require(ConsentFlags.Contains(consent.Flag?.ToLowerInvariant()), $"{path}.flag", "Use one of: email, sms, surveys, tracking.");
                    Require(consent.Value is not null, $"{path}.value", "Give true (consented) or false (not consented).");
                    break;
                default:
                    errors[$"{path}.type"] = [$"Use one of: {string.Join(", ", Types)}."];
                    break;
            }
        }

        private static IReadOnlyList<string> Types => SegmentRule.Types;

        private void Children(IReadOnlyList<SegmentRule>? rules, string path)
        {
            for (var i = 0; i < (rules?.Count ?? 0); i++)
            {
                Check(rules![i], $"{path}.rules[{i}]");
            }
        }

        private void Trait(TraitCondition trait, string path)
        {
            Require(!string.IsNullOrWhiteSpace(trait.Key) && trait.Key.Length <= 64, $"{path}.key", "Give the trait key (1 to 64 characters).");
            if (!Op(trait.Op, TraitOps, path))
            {
                return;
            }

            switch (trait.Op!.ToLowerInvariant())
            {
                case "exists" or "notexists":
                    break;
                case "in":
                    Require(trait.Values is { Count: > 0 and <= MaxInValues }, $"{path}.values", $"Give 1 to {MaxInValues} values in 'values'.");
                    for (var i = 0; i < (trait.Values?.Count ?? 0); i++)
                    {
                        Require(TraitValue.IsScalar(trait.Values![i]), $"{path}.values[{i}]", "Each value is text, a number or true/false.");
                    }

                    break;
                case "gt" or "gte" or "lt" or "lte":
                    Require(trait.Value is { } n && TraitValue.AsNumber(n) is not null, $"{path}.value",
                        "Compare with a number or an ISO 8601 date such as 2025-01-31.");
                    break;
                case "contains":
                    Require(trait.Value is { ValueKind: JsonValueKind.String or JsonValueKind.Number } c && TraitValue.AsText(c).Length > 0,
                        $"{path}.value", "Give the text to look for.");
                    break;
                default:
                    Require(trait.Value is { } v && TraitValue.IsScalar(v), $"{path}.value", "Give a value: text, a number or true/false.");
                    break;
            }
        }

        private void Event(EventCondition e, string path)
        {
            Require(!string.IsNullOrWhiteSpace(e.Name) && e.Name.Length <= 200, $"{path}.name", "Give the event name (1 to 200 characters).");
            Op(e.Op, CountOps, path);
            Require(e.Count is >= 0 and <= 1_000_000, $"{path}.count", "Give a count from 0 to 1000000.");
            Require(e.WithinDays is null or (>= 1 and <= 3650), $"{path}.withinDays", "Give a window from 1 to 3650 days, or leave it out for all time.");
        }

        private bool Op(string? op, string[] allowed, string path)
        {
            var ok = op is not null && allowed.Contains(op, StringComparer.OrdinalIgnoreCase);
            Require(ok, $"{path}.op", $"Use one of: {string.Join(", ", allowed)}.");
            return ok;
        }

        private void Reference(string? value, string kind, string path)
        {
            if (Guid.TryParse(value, out var id))
            {
                references.Add((path, kind, id));
            }
            else
            {
                errors[$"{path}.{kind}"] = [$"Give the {kind}'s id."];
            }
        }

        private void Require(bool condition, string field, string message)
        {
            if (!condition)
            {
                errors.TryAdd(field, [message]);
            }
        }
    }
}

/// <summary>Lifecycle stage names as rules and the API write them (lower case).</summary>
public static class LifecycleStages
{
    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<LifecycleStage>().Select(n => n.ToLowerInvariant()).ToList();

    public static bool TryParse(string? value, out LifecycleStage stage) =>
        Enum.TryParse(value, ignoreCase: true, out stage) && !int.TryParse(value, CultureInfo.InvariantCulture, out _)
        && Enum.IsDefined(stage);

    public static string Name(LifecycleStage stage) => stage.ToString().ToLowerInvariant();
}
