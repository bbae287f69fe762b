using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Touchpoint.Bench;

/// <summary>
/// What the seeded responses can be cut by: 20 segments (made through the API, as a user would) and the
/// workspace's touch points with their channels (the default journey every new workspace gets).
/// </summary>
internal sealed record BenchCuts(IReadOnlyList<Guid> Segments, IReadOnlyList<(Guid Id, string Channel)> TouchPoints)
{
    public const int SegmentCount = 20;

    /// <summary>Every channel a response may carry, as EF stores the enum.</summary>
    public static readonly string[] Channels = ["Web", "App", "Store", "Phone", "Chat", "Email", "Social", "Sensor"];

    public static async Task<BenchCuts> CreateAsync(TouchpointHost host, BenchDatabase database, Guid workspace)
    {
        var segments = new List<Guid>();
        for (var i = 1; i <= SegmentCount; i++)
        {
            using var response = await host.Client.PostAsJsonAsync("/api/v1/segments",
                new { name = $"Bench segment {i.ToString("00", CultureInfo.InvariantCulture)}", kind = "static" });
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            segments.Add(body.RootElement.GetProperty("id").GetGuid());
        }

        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\", \"Channel\" FROM \"TouchPoints\" WHERE \"WorkspaceId\" = @w ORDER BY \"Name\"";
        var p = command.CreateParameter();
        p.ParameterName = "w";
        p.Value = database.Value(workspace);
        command.Parameters.Add(p);
        var points = new List<(Guid, string)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetValue(0) is Guid g ? g : Guid.Parse(reader.GetString(0));
                points.Add((id, reader.GetString(1)));
            }
        }

        if (points.Count == 0)
        {
            throw new InvalidOperationException("The bench workspace has no touch points: the default journey is missing.");
        }

        return new BenchCuts(segments, points);
    }

    /// <summary>The snapshot <c>ResponseSnapshot</c> writes for a customer in these segments and nothing else: ids in order.</summary>
    public static string Snapshot(IEnumerable<Guid> segments) =>
        "{\"segments\":[" + string.Join(",", segments.Select(s => s.ToString("D")).Order(StringComparer.Ordinal).Select(s => $"\"{s}\"")) +
        "],\"persona\":null,\"lifecycleStage\":null,\"traits\":{}}";
}
