using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Touchpoint.Bench;

/// <summary>
/// segment-recompute's data, written straight into Touchpoint's tables (untimed): N customers with
/// three traits each (plan, age, newsletter; JSON on the profile plus the trait index rows Touchpoint
/// keeps for rules) and ten events each over the last year. Seeded, so runs are comparable.
/// </summary>
internal static class CustomerSeeder
{
    public const int EventsPerCustomer = 10;
    private const int TransactionRows = 50_000;
    private static readonly string[] Plans = ["free", "basic", "pro"];
    private static readonly string[] EventNames =
        ["Product Viewed", "Product Added", "Checkout Started", "Order Completed", "Cart Viewed", "Search Performed", "Coupon Applied", "Store Visited"];

    private sealed record SeedCustomer(Guid Id, string ExternalId, string Plan, int Age, bool Newsletter);

    public static async Task SeedAsync(BenchDatabase database, Guid workspace, long customers, DateTime now, IProgress<string> progress)
    {
        var random = new Random(20261122);
        var people = new List<SeedCustomer>((int)customers);
        for (var i = 0; i < customers; i++)
        {
            people.Add(new SeedCustomer(Guid.CreateVersion7(), $"cus-{i:0000000}", Plans[random.Next(Plans.Length)], random.Next(18, 80), random.Next(2) == 0));
        }

        await using var connection = database.OpenConnection();
        progress.Report($"customers and trait rows ({customers:N0})");
        Load(connection, database, "\"Customers\" (\"Id\", \"WorkspaceId\", \"ExternalId\", \"Traits\", \"CreatedAt\", \"UpdatedAt\", \"LifecycleSetManually\")",
            people.Select(p => new object[]
            {
                p.Id, workspace, p.ExternalId, $$"""{"plan":"{{p.Plan}}","age":{{p.Age}},"newsletter":{{(p.Newsletter ? "true" : "false")}}}""",
                now.AddDays(-400), now.AddDays(-400), false,
            }));
        Load(connection, database, "\"CustomerTraits\" (\"WorkspaceId\", \"CustomerId\", \"Key\", \"Text\", \"Number\")",
            people.SelectMany(p => new[]
            {
                new object?[] { workspace, p.Id, "plan", p.Plan, null },
                [workspace, p.Id, "age", null, (double)p.Age],
                [workspace, p.Id, "newsletter", p.Newsletter ? "true" : "false", null],
            }));
        progress.Report($"events ({customers * EventsPerCustomer:N0})");
        Load(connection, database, "\"Events\" (\"WorkspaceId\", \"CustomerId\", \"MessageId\", \"Type\", \"Name\", \"Properties\", \"Source\", \"Channel\", \"OccurredAt\", \"ReceivedAt\")",
            people.SelectMany((p, i) => Enumerable.Range(0, EventsPerCustomer).Select(k =>
            {
                var at = now.AddMinutes(-random.Next(365 * 24 * 60));
                return new object?[] { workspace, p.Id, $"seed-{i}-{k}", "Track", EventNames[random.Next(EventNames.Length)], "{}", "Web", "Web", at, at };
            })));
    }

    /// <summary>PostgreSQL: binary COPY. SQLite: a prepared INSERT per row in large transactions.</summary>
    private static void Load(DbConnection connection, BenchDatabase database, string target, IEnumerable<object?[]> rows)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            using var writer = npgsql.BeginBinaryImport($"COPY {target} FROM STDIN (FORMAT BINARY)");
            // Millions of rows into indexed tables: the server may take minutes to finish the COPY.
            writer.Timeout = TimeSpan.FromMinutes(30);
            foreach (var row in rows)
            {
                writer.StartRow();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null: writer.WriteNull(); break;
                        case Guid g: writer.Write(g, NpgsqlDbType.Uuid); break;
                        case string s: writer.Write(s, NpgsqlDbType.Text); break;
                        case DateTime d: writer.Write(DateTime.SpecifyKind(d, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); break;
                        case double n: writer.Write(n, NpgsqlDbType.Double); break;
                        case bool b: writer.Write(b, NpgsqlDbType.Boolean); break;
                        default: throw new ArgumentException($"No COPY mapping for {value.GetType()}.");
                    }
                }
            }

            writer.Complete();
            return;
        }

        var columns = target[(target.IndexOf('(', StringComparison.Ordinal) + 1)..^1].Split(',').Length;
        var placeholders = string.Join(", ", Enumerable.Range(0, columns).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        foreach (var chunk in rows.Chunk(TransactionRows))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {target} VALUES ({placeholders})";
            var parameters = Enumerable.Range(0, columns).Select(i =>
            {
                var p = command.CreateParameter();
                p.ParameterName = "p" + i.ToString(CultureInfo.InvariantCulture);
                command.Parameters.Add(p);
                return p;
            }).ToArray();
            foreach (var row in chunk)
            {
                for (var i = 0; i < columns; i++)
                {
                    parameters[i].Value = row[i] switch
                    {
                        null => DBNull.Value,
                        Guid g => database.Value(g),
                        DateTime d => database.Value(d),
                        bool b => b ? 1 : 0,
                        var v => v,
                    };
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }
}
