namespace Touchpoint.Web.Platform;

/// <summary>
/// Bound from <c>Touchpoint:Bootstrap</c>, for scripts and tests: what is set here is created on
/// start when absent. The keys are full-scope (ApiKey) and tracking-only (WriteKey).
/// </summary>
internal sealed class BootstrapOptions
{
    public const string Section = "Touchpoint:Bootstrap";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string WorkspaceName { get; set; } = "My workspace";
    public string TimeZone { get; set; } = "UTC";
    public string? ApiKey { get; set; }
    public string? WriteKey { get; set; }
}
