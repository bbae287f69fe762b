using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>A customer profile. The foundation keeps identity and a few traits; profiles grow with capability 1.</summary>
public sealed class Customer : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    /// <summary>The id in the company's own systems (the Segment userId).</summary>
    public string? ExternalId { get; set; }
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Country { get; set; }
    public string? LifecycleStage { get; set; }
    public DateTime CreatedAt { get; set; }
}
