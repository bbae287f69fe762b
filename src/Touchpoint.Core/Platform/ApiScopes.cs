namespace Touchpoint.Core.Platform;

/// <summary>What a REST key may do. A full-scope key holds all three.</summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, Write, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope);
}
