using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>
/// The workspace's trait catalogue: what a trait key means, its type and category. Traits not in the
/// catalogue are still stored; the catalogue gives them labels, types for rules and reports, and
/// marks the traits that a survey answer snapshots for reporting.
/// </summary>
public sealed class TraitDefinition : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Key { get; set; }
    public required string Label { get; set; }
    public TraitCategory Category { get; set; }
    public TraitType Type { get; set; }
    public string? Description { get; set; }
    public bool IsReportingTrait { get; set; }
}

public enum TraitCategory
{
    Demographic,
    Psychographic,
    Geographic,
    Behavioral,
    Other,
}

public enum TraitType
{
    Text,
    Number,
    Boolean,
    Date,
    List,
    Coordinates,
}
