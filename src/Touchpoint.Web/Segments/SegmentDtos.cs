using System.Text.Json;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Segments;

namespace Touchpoint.Web.Segments;

/// <summary>A segment as the REST API shows it; <c>rule</c> is the rule tree (dynamic segments only).</summary>
internal sealed record SegmentDto(Guid Id, string Name, string? Description, string Kind, JsonElement? Rule, int MemberCount,
    DateTime? RecomputedAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SegmentDto From(Segment s) =>
        new(s.Id, s.Name, s.Description, s.Kind.ToString().ToLowerInvariant(), RuleJson.Read(s.Rule), s.MemberCount, s.RecomputedAt,
            s.CreatedAt, s.UpdatedAt);
}

internal sealed record SegmentRequest(string? Name, string? Description, string? Kind, JsonElement? Rule);

internal sealed record RuleRequest(JsonElement? Rule);

internal sealed record MemberListRequest(IReadOnlyList<string>? CustomerIds, IReadOnlyList<string>? ExternalIds);

internal sealed record MemberDto(Guid Id, string? ExternalId, string? Name, string? Email, DateTime AddedAt);

internal sealed record PersonaDto(Guid Id, string Name, string? Description, int Priority, JsonElement? Rule, int Customers, DateTime CreatedAt)
{
    public static PersonaDto From(Persona p, int customers) => new(p.Id, p.Name, p.Description, p.Priority, RuleJson.Read(p.Rule), customers, p.CreatedAt);
}

internal sealed record PersonaRequest(string? Name, string? Description, int? Priority, JsonElement? Rule);

internal sealed record LifecycleRuleDto(string Stage, JsonElement? Rule, DateTime CreatedAt)
{
    public static LifecycleRuleDto From(LifecycleRule r) => new(LifecycleStages.Name(r.Stage), RuleJson.Read(r.Rule), r.CreatedAt);
}

internal sealed record TraitDto(string Key, string Label, string Category, string Type, string? Description, bool IsReportingTrait)
{
    public static TraitDto From(TraitDefinition t) =>
        new(t.Key, t.Label, TraitCatalogue.Name(t.Category), TraitCatalogue.Name(t.Type), t.Description, t.IsReportingTrait);
}

internal sealed record TraitRequest(string? Key, string? Label, string? Category, string? Type, string? Description, bool? IsReportingTrait);

internal static class RuleJson
{
    public static JsonElement? Read(string? rule) => string.IsNullOrEmpty(rule) ? null : JsonDocument.Parse(rule).RootElement.Clone();
}
