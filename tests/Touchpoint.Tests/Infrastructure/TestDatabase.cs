using Microsoft.Data.Sqlite;
using Npgsql;
using Touchpoint.Core.Data;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one host: a temp SQLite file, or a new PostgreSQL database
/// <c>tp_test_&lt;guid&gt;</c> that the app's migrations create and <see cref="DropAsync"/> removes.
/// </summary>
public sealed class TestDatabase
{
    private TestDatabase(DatabaseProvider provider, string connectionString, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>The SQLite file path or the PostgreSQL database name.</summary>
    public string Name { get; }

    public static TestDatabase Create(DatabaseProvider provider)
    {
        var id = Guid.NewGuid().ToString("N");
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"tp_test_{id}.db");
            return new TestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), file);
        }

        var baseConnection = TestEnvironment.PostgresConnectionString ?? throw new InvalidOperationException(
            $"PostgreSQL tests must run under CI=true, but {TestEnvironment.PostgresVariable} is not set. " +
            "Set it to a server the tests may create databases on, e.g. \"Host=localhost;Username=postgres;Password=postgres\".");
        var name = $"tp_test_{id}";
        // Several test hosts share one server (max_connections 100 by default): a small pool each keeps
        // a burst of requests waiting for a connection instead of being refused by the server.
        var builder = new NpgsqlConnectionStringBuilder(baseConnection) { Database = name, MaxPoolSize = 20 };
        return new TestDatabase(provider, builder.ConnectionString, name);
    }

    public async Task DropAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(Name + suffix);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
