using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Touchpoint.Core.Data;

namespace Touchpoint.Bench;

/// <summary>
/// A fresh, empty database for one server under test: a new SQLite file in the run's folder, or a
/// new PostgreSQL database that is dropped afterwards. Also writes and formats values the way
/// Touchpoint's EF model stores them, so the bench's own SQL (baselines, seeding) sees the same rows.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    /// <summary>The server the PostgreSQL runs use; override with TOUCHPOINT_BENCH_PG.</summary>
    public static readonly string PostgresServer =
        Environment.GetEnvironmentVariable("TOUCHPOINT_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private readonly string? _postgresName;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string folder, string name)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(folder, name + ".db");
            foreach (var stale in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(stale);
            }

            // Pooling keeps the file open between commands, as Touchpoint's own connections do.
            return new BenchDatabase(provider, $"Data Source={file};Pooling=True", null);
        }

        var database = $"touchpoint_bench_{name.Replace('-', '_')}_{Environment.ProcessId}".ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(PostgresServer + ";Database=postgres"))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new BenchDatabase(provider, $"{PostgresServer};Database={database};Maximum Pool Size=90", database);
    }

    /// <summary>A database another process created; disposing it drops nothing.</summary>
    public static BenchDatabase Existing(DatabaseProvider provider, string connectionString) => new(provider, connectionString, null);

    public DbConnection OpenConnection()
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        connection.Open();
        Durability(connection);
        return connection;
    }

    /// <summary>The durability Touchpoint acknowledges with: SQLite WAL + synchronous=FULL, PostgreSQL synchronous_commit=on.</summary>
    public static void Durability(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = connection is SqliteConnection
            ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
            : "SET synchronous_commit = on";
        command.ExecuteNonQuery();
    }

    /// <summary>EF Core on SQLite stores a Guid as upper-case TEXT; PostgreSQL has a uuid type.</summary>
    public object Value(Guid id) => Provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;

    /// <summary>EF Core on SQLite stores a DateTime as TEXT in this sortable format; PostgreSQL as timestamptz.</summary>
    public object Value(DateTime utc) => Provider == DatabaseProvider.Sqlite
        ? utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
        : DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer + ";Database=postgres");
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
