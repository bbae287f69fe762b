namespace Touchpoint.Core.Demo;

/// <summary>Bound from <c>Touchpoint:Demo</c>. Seed is true under Development (appsettings.Development.json).</summary>
public sealed class DemoOptions
{
    public const string Section = "Touchpoint:Demo";

    public bool Seed { get; set; }
    public string AdminEmail { get; set; } = "demo@touchpoint.local";
    public string AdminPassword { get; set; } = "Touchpoint-demo-1";
    public int Customers { get; set; } = 400;
    public int Days { get; set; } = 180;
}
