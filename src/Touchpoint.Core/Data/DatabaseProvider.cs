namespace Touchpoint.Core.Data;

/// <summary>The two supported stores: embedded SQLite (default) and PostgreSQL (production, scale-out).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
