using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Touchpoint.Bench;

/// <summary>One track event as the bench sends it and as the baseline stores it: the same name, properties and time.</summary>
internal sealed record BenchEvent(string MessageId, string UserId, string Name, string PropertiesJson, DateTime OccurredAt);

/// <summary>
/// The tracking benchmarks' data: seeded track events of about 300 bytes each (a realistic name, a
/// handful of properties, a context), the JSON the tracking API receives, and the raw rows the
/// baseline inserts into the same Events table without HTTP.
/// </summary>
internal static class TrackingEvents
{
    public const int Users = 2_000;

    private static readonly string[] Names =
        ["Product Viewed", "Product Added", "Checkout Started", "Order Completed", "Cart Viewed", "Search Performed", "Coupon Applied", "Store Visited"];

    private static readonly string[] Categories = ["outdoor", "footwear", "camping", "climbing", "apparel", "accessories"];

    private static readonly DateTime Start = new(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string UserId(int k) => $"user-{k % Users:00000}";

    /// <summary>Event number <paramref name="i"/> of the run named <paramref name="run"/>; the same i always gives the same event.</summary>
    public static BenchEvent Event(string run, long i)
    {
        var random = new Random(unchecked((int)(i * 2654435761L)));
        var name = Names[random.Next(Names.Length)];
        var properties = $$"""{"sku":"SKU-{{random.Next(100000):000000}}","category":"{{Categories[random.Next(Categories.Length)]}}","price":{{(random.Next(500, 25000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture)}},"currency":"EUR","quantity":{{random.Next(1, 4)}}}""";
        return new BenchEvent($"{run}-{i}", UserId(random.Next(Users)), name, properties, Start.AddSeconds(i % 5_000_000));
    }

    /// <summary>The Segment track message for one event (about 300 bytes).</summary>
    public static string TrackJson(BenchEvent e) =>
        $$$$"""{"type":"track","messageId":"{{{{e.MessageId}}}}","userId":"{{{{e.UserId}}}}","event":"{{{{e.Name}}}}","properties":{{{{e.PropertiesJson}}}},"timestamp":"{{{{e.OccurredAt:yyyy-MM-ddTHH:mm:ss.fffZ}}}}","context":{"library":{"name":"touchpoint-bench","version":"1.0"}}}""";

    /// <summary>Made before the clock starts, so neither side's timing includes making the data.</summary>
    public static BenchEvent[] Generate(string run, long count)
    {
        var events = new BenchEvent[count];
        for (var i = 0L; i < count; i++)
        {
            events[i] = Event(run, i);
        }

        return events;
    }

    /// <summary>/v1/batch bodies of <paramref name="perBatch"/> events each.</summary>
    public static byte[][] BatchBodies(BenchEvent[] events, int perBatch) =>
        events.Chunk(perBatch).Select(chunk =>
        {
            var body = new StringBuilder("""{"batch":[""");
            for (var i = 0; i < chunk.Length; i++)
            {
                body.Append(i == 0 ? "" : ",").Append(TrackJson(chunk[i]));
            }

            return Encoding.UTF8.GetBytes(body.Append("]}").ToString());
        }).ToArray();

    /// <summary>The customer id of every bench user, as Touchpoint created them (by ExternalId).</summary>
    public static async Task<Dictionary<string, object>> CustomerIdsAsync(BenchDatabase database)
    {
        var ids = new Dictionary<string, object>();
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"ExternalId\", \"Id\" FROM \"Customers\" WHERE \"ExternalId\" LIKE 'user-%'";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids[reader.GetString(0)] = reader.GetValue(1);
        }

        return ids;
    }

    public static async Task<long> CountAsync(BenchDatabase database, string messagePrefix)
    {
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Events\" WHERE \"MessageId\" LIKE @p";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "p";
        parameter.Value = messagePrefix + "-%";
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The tracking baselines' writer: the same rows straight into the Events table of the same
/// database, no HTTP, no EF. SQLite: one prepared INSERT per row inside transactions of 10,000 rows.
/// PostgreSQL: binary COPY, the fastest way in.
/// </summary>
internal static class RawEventInsert
{
    public const int TransactionRows = 10_000;
    private static readonly string[] ParameterNames = ["w", "c", "m", "n", "p", "x", "o", "r"];

    private const string Columns =
        "\"WorkspaceId\", \"CustomerId\", \"MessageId\", \"Type\", \"Name\", \"Properties\", \"Context\", \"Source\", \"Channel\", \"OccurredAt\", \"ReceivedAt\"";

    public static void Insert(BenchDatabase database, object workspace, Dictionary<string, object> customers, BenchEvent[] events)
    {
        using var connection = database.OpenConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            Copy(npgsql, (Guid)workspace, customers, events);
        }
        else
        {
            InsertSqlite(database, connection, workspace, customers, events);
        }
    }

    private static void InsertSqlite(BenchDatabase database, DbConnection connection, object workspace, Dictionary<string, object> customers,
        BenchEvent[] events)
    {
        var received = database.Value(DateTime.UtcNow);
        foreach (var chunk in events.Chunk(TransactionRows))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"Events\" ({Columns}) VALUES (@w, @c, @m, 'Track', @n, @p, @x, 'Web', 'Web', @o, @r)";
            var p = ParameterNames.ToDictionary(n => n, n => Add(command, n));
            p["w"].Value = workspace;
            p["x"].Value = """{"library":{"name":"touchpoint-bench","version":"1.0"}}""";
            p["r"].Value = received;
            command.Prepare();
            foreach (var e in chunk)
            {
                p["c"].Value = customers[e.UserId];
                p["m"].Value = e.MessageId;
                p["n"].Value = e.Name;
                p["p"].Value = e.PropertiesJson;
                p["o"].Value = database.Value(e.OccurredAt);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static void Copy(NpgsqlConnection connection, Guid workspace, Dictionary<string, object> customers, BenchEvent[] events)
    {
        var received = DateTime.UtcNow;
        using var writer = connection.BeginBinaryImport($"COPY \"Events\" ({Columns}) FROM STDIN (FORMAT BINARY)");
        writer.Timeout = TimeSpan.FromMinutes(30);
        foreach (var e in events)
        {
            writer.StartRow();
            writer.Write(workspace, NpgsqlDbType.Uuid);
            writer.Write((Guid)customers[e.UserId], NpgsqlDbType.Uuid);
            writer.Write(e.MessageId, NpgsqlDbType.Varchar);
            writer.Write("Track", NpgsqlDbType.Varchar);
            writer.Write(e.Name, NpgsqlDbType.Varchar);
            writer.Write(e.PropertiesJson, NpgsqlDbType.Text);
            writer.Write("""{"library":{"name":"touchpoint-bench","version":"1.0"}}""", NpgsqlDbType.Text);
            writer.Write("Web", NpgsqlDbType.Varchar);
            writer.Write("Web", NpgsqlDbType.Varchar);
            writer.Write(e.OccurredAt, NpgsqlDbType.TimestampTz);
            writer.Write(received, NpgsqlDbType.TimestampTz);
        }

        writer.Complete();
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
