using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Core.Segments;

/// <summary>
/// A node of the rule language shared by segments, personas and lifecycle rules, stored as JSON with
/// <c>type</c> as the discriminator. Fields are nullable and operators are strings so that a rule with
/// a mistake still parses and <see cref="SegmentRuleValidator"/> can name the field that is wrong.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AllOf), "all")]
[JsonDerivedType(typeof(AnyOf), "any")]
[JsonDerivedType(typeof(NotRule), "not")]
[JsonDerivedType(typeof(TraitCondition), "trait")]
[JsonDerivedType(typeof(EventCondition), "event")]
[JsonDerivedType(typeof(ScoreCondition), "score")]
[JsonDerivedType(typeof(LifecycleCondition), "lifecycle")]
[JsonDerivedType(typeof(RegionCondition), "region")]
[JsonDerivedType(typeof(RadiusCondition), "radius")]
[JsonDerivedType(typeof(PersonaCondition), "persona")]
[JsonDerivedType(typeof(SegmentCondition), "segment")]
[JsonDerivedType(typeof(ConsentCondition), "consent")]
public abstract record SegmentRule
{
    public static readonly IReadOnlyList<string> Types =
        ["all", "any", "not", "trait", "event", "score", "lifecycle", "region", "radius", "persona", "segment", "consent"];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Hand-written and generated JSON do not always put "type" first.
        AllowOutOfOrderMetadataProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Everyone: the rule of a new segment.</summary>
    public static SegmentRule Everyone => new AllOf([]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>AND of the children; no children means everyone.</summary>
public sealed record AllOf(IReadOnlyList<SegmentRule>? Rules) : SegmentRule;

/// <summary>OR of the children; no children means nobody.</summary>
public sealed record AnyOf(IReadOnlyList<SegmentRule>? Rules) : SegmentRule;

public sealed record NotRule(SegmentRule? Rule) : SegmentRule;

/// <summary>A trait compared through the <c>CustomerTraits</c> index rows (text compares case-insensitively).</summary>
public sealed record TraitCondition(string? Key, string? Op, JsonElement? Value, IReadOnlyList<JsonElement>? Values) : SegmentRule;

/// <summary>How many events with this exact name the customer has, optionally within the last days.</summary>
public sealed record EventCondition(string? Name, string? Op, int? Count, int? WithinDays) : SegmentRule;

/// <summary>The customer's latest answer for a metric.</summary>
public sealed record ScoreCondition(string? Metric, string? Op, double? Value) : SegmentRule;

public sealed record LifecycleCondition(IReadOnlyList<string>? Stages) : SegmentRule;

/// <summary>Each field given must match the customer's (case-insensitively).</summary>
public sealed record RegionCondition(string? Country, string? Region, string? City) : SegmentRule;

public sealed record RadiusCondition(double? Latitude, double? Longitude, double? Km) : SegmentRule;

public sealed record PersonaCondition(string? Persona) : SegmentRule;

/// <summary>A current member of another segment.</summary>
public sealed record SegmentCondition(string? Segment) : SegmentRule;

public sealed record ConsentCondition(string? Flag, bool? Value) : SegmentRule;
