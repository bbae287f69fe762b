using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>
/// A customer profile: who they are (identities), what we know of them (traits, as JSON of any
/// shape, with the scalar values also kept in <see cref="CustomerTrait"/> rows so rules can query
/// them), where they are, their persona and lifecycle stage, and what they consented to.
/// A visitor seen only by an anonymous id is a profile too; identify and alias merge it.
/// </summary>
public sealed class Customer : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    /// <summary>The id in the company's own systems (the Segment userId).</summary>
    public string? ExternalId { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Name { get; set; }
    /// <summary>Every trait as one JSON object, values of any JSON type.</summary>
    public string Traits { get; set; } = "{}";
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; set; }
    /// <summary>State, province or county: free text, as the source sends it.</summary>
    public string? Region { get; set; }
    public string? City { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>IANA time zone, when known (quiet hours are cut in it).</summary>
    public string? TimeZone { get; set; }
    public LifecycleStage? LifecycleStage { get; set; }
    /// <summary>Set by hand: the lifecycle rules leave the stage alone until it is cleared.</summary>
    public bool LifecycleSetManually { get; set; }
    /// <summary>The first persona (by priority) whose rule the customer meets, kept by the segment maintainer.</summary>
    public Guid? PersonaId { get; set; }
    public Consent Consent { get; set; } = new();
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The last event, identify or answer from this customer.</summary>
    public DateTime? LastSeenAt { get; set; }
}
