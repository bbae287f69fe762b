namespace Touchpoint.Core.Data.Backplane;

/// <summary>Node ids: random per process start, short enough to fit PostgreSQL's 63-byte application_name with a prefix.</summary>
public static class NodeIds
{
    public static string New() => Guid.NewGuid().ToString("N")[..12];
}
