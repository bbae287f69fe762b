namespace Touchpoint.Core.Platform;

/// <summary>
/// One key of the ASP.NET Core Data Protection key ring (it signs sign-in cookies and reset tokens).
/// Kept in the database so every node behind a load balancer reads the same ring.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
