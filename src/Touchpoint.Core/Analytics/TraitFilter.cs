namespace Touchpoint.Core.Analytics;

/// <summary>A reporting trait (custom field) as the response's snapshot froze it, e.g. plan = "gold".</summary>
public sealed record TraitFilter(string Key, string Value);
