namespace Touchpoint.Core.Data;

/// <summary>Bound from <c>Touchpoint:Database</c>; the connection string is <c>ConnectionStrings:Touchpoint</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Touchpoint:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
