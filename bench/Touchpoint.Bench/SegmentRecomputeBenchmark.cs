using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Touchpoint.Bench;

/// <summary>
/// segment-recompute: a dynamic segment whose rule has three trait conditions and one event-count
/// condition, over N customers (default 1M) and ten events each, recomputed through the REST API
/// (<c>POST /api/v1/segments/{id}/recompute</c>: evaluate the rule, diff against stored members,
/// write the difference). Timed twice per run: steady (members already stored) and cold (stored
/// members removed first, so every member is written). Baseline in the same run: one SQL COUNT with
/// the same predicates over the same rows. Target (docs/BENCHMARKS.md): recompute at most 3x the COUNT.
/// </summary>
internal static class SegmentRecomputeBenchmark
{
    public const double Target = 3.0;
    private const int MinOrders = 2;
    private const int WithinDays = 90;
    private const int MinAge = 30;

    private static readonly object Rule = new
    {
        type = "all",
        rules = new object[]
        {
            new { type = "trait", key = "plan", op = "eq", value = (object)"pro" },
            new { type = "trait", key = "age", op = "gte", value = (object)MinAge },
            new { type = "trait", key = "newsletter", op = "eq", value = (object)true },
            new { type = "event", name = "Order Completed", op = "gte", count = MinOrders, withinDays = WithinDays },
        },
    };

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = DateTime.UtcNow;
        var scratch = options.ScratchFolder();
        var size = options.Size ?? 1_000_000;
        Console.WriteLine($"segment-recompute on {options.ProviderName}: {size:N0} customers, {size * CustomerSeeder.EventsPerCustomer:N0} events, " +
            $"{options.Runs} runs; scratch {scratch}");

        await using var database = await BenchDatabase.CreateAsync(options.Provider, scratch, "segments");
        await using var host = await TouchpointHost.StartAsync(database, scratch, "touchpoint");
        var workspaceId = await TrackingBatchBenchmark.WorkspaceIdAsync(database);
        var workspace = workspaceId as Guid? ?? Guid.Parse((string)workspaceId);
        var seeding = Stopwatch.StartNew();
        await CustomerSeeder.SeedAsync(database, workspace, size, DateTime.UtcNow, new Progress<string>(s => Console.WriteLine("  seeding " + s)));
        await AnalyzeAsync(database);
        Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:0} s");

        using var created = await host.Client.PostAsJsonAsync("/api/v1/segments", new { name = "Engaged pro subscribers", kind = "dynamic", rule = Rule });
        var createdBody = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating the segment answered {(int)created.StatusCode}: {createdBody}");
        }

        var segment = JsonDocument.Parse(createdBody).RootElement.GetProperty("id").GetGuid();
        var since = DateTime.UtcNow.AddDays(-WithinDays);
        var expected = await CountAsync(database, workspace, since);   // also warms the page cache for both sides
        var warm = await RecomputeAsync(host, segment);
        Console.WriteLine($"  warm-up: recompute {warm.Members:N0} members, COUNT {expected:N0}");
        if (warm.Members != expected)
        {
            throw new InvalidOperationException($"The segment has {warm.Members} members but the COUNT says {expected}.");
        }

        var counts = new List<double>();
        var steady = new List<double>();
        var cold = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await CountAsync(database, workspace, since);
            counts.Add(clock.Elapsed.TotalMilliseconds);
            steady.Add((await RecomputeAsync(host, segment)).Milliseconds);
            await ForgetMembersAsync(database, segment);
            cold.Add((await RecomputeAsync(host, segment)).Milliseconds);
            Console.WriteLine($"  run {run + 1}: COUNT {counts[^1]:0} ms, recompute steady {steady[^1]:0} ms, cold {cold[^1]:0} ms");
        }

        var count = Report.Median(counts, x => x);
        var steadyMs = Report.Median(steady, x => x);
        var coldMs = Report.Median(cold, x => x);
        var (steadyRatio, coldRatio) = (steadyMs / count, coldMs / count);
        var met = steadyRatio <= Target && coldRatio <= Target;
        var row = $"| {started:yyyy-MM-dd} | {options.ProviderName} | `{options.Command}` | steady {Report.F(steadyMs, "0")} ms " +
            $"(runs {Report.Spread(steady, "0")}), cold {Report.F(coldMs, "0")} ms (runs {Report.Spread(cold, "0")}); {expected:N0} members | " +
            $"{Report.F(count, "0")} ms (runs {Report.Spread(counts, "0")}) | steady {Report.F(steadyRatio, "0.00")}x, cold {Report.F(coldRatio, "0.00")}x | " +
            $"<= 3x | {(met ? "met" : "**missed**")} |";
        var summary = $"segment-recompute {options.ProviderName}: steady {Report.F(steadyMs, "0")} ms, cold {Report.F(coldMs, "0")} ms, " +
            $"COUNT {Report.F(count, "0")} ms: {Report.F(steadyRatio, "0.00")}x / {Report.F(coldRatio, "0.00")}x (target <= 3x: {(met ? "met" : "missed")})";
        var path = Report.Write(new BenchReport("segment-recompute", started, options.Command, options.ProviderName, size, Report.Machine(), summary, row,
            new { target = Target, members = expected, countMs = counts, steadyMs = steady, coldMs = cold, steadyRatio, coldRatio }), options.Out);
        Console.WriteLine(summary);
        Console.WriteLine("| date | provider | command | Touchpoint | baseline (same run) | ratio | target | |");
        Console.WriteLine(row);
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private static async Task<(long Members, double Milliseconds)> RecomputeAsync(TouchpointHost host, Guid segment)
    {
        var clock = Stopwatch.StartNew();
        using var response = await host.Client.PostAsync($"/api/v1/segments/{segment}/recompute", null);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Recompute answered {(int)response.StatusCode}: {body}");
        }

        return (JsonDocument.Parse(body).RootElement.GetProperty("memberCount").GetInt64(), elapsed);
    }

    /// <summary>The baseline: one COUNT with the rule's predicates, written by hand.</summary>
    private static async Task<long> CountAsync(BenchDatabase database, Guid workspace, DateTime since)
    {
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM "Customers" AS c
            WHERE c."WorkspaceId" = @w
              AND EXISTS (SELECT 1 FROM "CustomerTraits" AS t WHERE t."CustomerId" = c."Id" AND t."Key" = 'plan' AND t."Text" = @plan)
              AND EXISTS (SELECT 1 FROM "CustomerTraits" AS t WHERE t."CustomerId" = c."Id" AND t."Key" = 'age' AND t."Number" >= @age)
              AND EXISTS (SELECT 1 FROM "CustomerTraits" AS t WHERE t."CustomerId" = c."Id" AND t."Key" = 'newsletter' AND t."Text" = 'true')
              AND (SELECT COUNT(*) FROM "Events" AS e WHERE e."CustomerId" = c."Id" AND e."Name" = @event AND e."OccurredAt" >= @since) >= @orders
            """;
        Add(command, "w", database.Value(workspace));
        Add(command, "plan", "pro");
        Add(command, "age", (double)MinAge);
        Add(command, "event", "Order Completed");
        Add(command, "since", database.Value(since));
        Add(command, "orders", MinOrders);
        command.CommandTimeout = 600;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ForgetMembersAsync(BenchDatabase database, Guid segment)
    {
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM \"SegmentMembers\" WHERE \"SegmentId\" = @s";
        Add(command, "s", database.Value(segment));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Fresh statistics after the bulk load, as an operator's autovacuum or ANALYZE would give.</summary>
    private static async Task AnalyzeAsync(BenchDatabase database)
    {
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE";
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
