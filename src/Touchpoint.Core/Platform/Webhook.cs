using Touchpoint.Core.Data;

namespace Touchpoint.Core.Platform;

/// <summary>
/// An outbound webhook: events of the named kinds are POSTed to <see cref="Url"/>, signed per the
/// Standard Webhooks convention with <see cref="Secret"/>, delivered through the outbox.
/// </summary>
public sealed class Webhook : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Url { get; set; }
    /// <summary>"whsec_" and base64 of 32 random bytes, as Standard Webhooks libraries expect.</summary>
    public required string Secret { get; set; }
    /// <summary>Event types, comma separated (e.g. "response.completed").</summary>
    public required string Events { get; set; }
    public string? Description { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}
