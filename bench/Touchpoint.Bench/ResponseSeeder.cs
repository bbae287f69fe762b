using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Touchpoint.Bench;

/// <summary>
/// Fills one workspace with N NPS responses spread evenly over a time range, in time order (as real
/// answers arrive), from a fixed seed so runs compare. Written straight into the table with the
/// provider's bulk path, in the formats EF uses, because the figure under test is the read. Each answer
/// is at one touch point, on a channel (mostly the touch point's own), and carries the snapshot of a customer
/// in one or two of the 20 segments, so breakdowns and combined filters have something to cut.
/// </summary>
internal static class ResponseSeeder
{
    private static readonly string[] Comments =
    [
        "Quick delivery and friendly support.",
        "The app crashed twice during checkout.",
        "Prices went up again without notice.",
        "Exactly what I needed, thanks!",
        "Could not reach anyone by phone.",
    ];

    public static async Task SeedAsync(BenchDatabase database, Guid workspace, Guid survey, long count, DateTime from, DateTime to,
        BenchCuts cuts)
    {
        var random = new Random(20240101);
        var step = (to - from).Ticks / (double)count;
        // The few distinct snapshots, written once: one segment, or two different ones.
        var snapshots = new Dictionary<(int, int), string>();
        string SnapshotOf(int first, int second) => snapshots.TryGetValue((first, second), out var json) ? json
            : snapshots[(first, second)] = BenchCuts.Snapshot(first == second ? [cuts.Segments[first]] : [cuts.Segments[first], cuts.Segments[second]]);

        IEnumerable<Row> Rows()
        {
            for (long i = 0; i < count; i++)
            {
                var at = from.AddTicks((long)((i + random.NextDouble()) * step));
                var score = random.NextDouble() switch { < 0.2 => random.Next(0, 7), < 0.45 => random.Next(7, 9), _ => random.Next(9, 11) };
                var comment = random.NextDouble() < 0.4 ? Comments[random.Next(Comments.Length)] : null;
                var (point, pointChannel) = cuts.TouchPoints[random.Next(cuts.TouchPoints.Count)];
                var channel = random.NextDouble() < 0.7 ? pointChannel : BenchCuts.Channels[random.Next(BenchCuts.Channels.Length)];
                var first = random.Next(BenchCuts.SegmentCount);
                var second = random.NextDouble() < 0.5 ? first : random.Next(BenchCuts.SegmentCount);
                yield return new Row(at, score, comment, point, channel, SnapshotOf(first, second));
            }
        }

        await using var connection = database.OpenConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, workspace, survey, Rows());
            // Autovacuum would analyze a table that just grew this much; do it now so the plan does not depend on timing.
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE \"Responses\"", npgsql);
            await analyze.ExecuteNonQueryAsync();
        }
        else
        {
            // Touchpoint never runs ANALYZE on SQLite, so neither does the seed: the planner sees what production sees.
            await InsertAsync(connection, database, workspace, survey, Rows());
        }
    }

    private sealed record Row(DateTime At, int Score, string? Comment, Guid TouchPoint, string Channel, string Snapshot);

    private static async Task CopyAsync(NpgsqlConnection connection, Guid workspace, Guid survey, IEnumerable<Row> rows)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY \"Responses\" (\"WorkspaceId\", \"SurveyId\", \"Metric\", \"Score\", \"Comment\", \"SubmittedAt\", \"StartedAt\", " +
            "\"Answers\", \"Status\", \"Version\", \"Notified\", \"TouchPointId\", \"Channel\", \"Snapshot\") FROM STDIN (FORMAT BINARY)");
        foreach (var (at, score, comment, point, channel, snapshot) in rows)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(workspace, NpgsqlDbType.Uuid);
            await writer.WriteAsync(survey, NpgsqlDbType.Uuid);
            await writer.WriteAsync("Nps", NpgsqlDbType.Text);
            await writer.WriteAsync(score, NpgsqlDbType.Integer);
            if (comment is null)
            {
                await writer.WriteNullAsync();
            }
            else
            {
                await writer.WriteAsync(comment, NpgsqlDbType.Text);
            }

            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync("{}", NpgsqlDbType.Text);
            await writer.WriteAsync("Completed", NpgsqlDbType.Text);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            await writer.WriteAsync(point, NpgsqlDbType.Uuid);
            await writer.WriteAsync(channel, NpgsqlDbType.Text);
            await writer.WriteAsync(snapshot, NpgsqlDbType.Text);
        }

        await writer.CompleteAsync();
    }

    private static async Task InsertAsync(DbConnection connection, BenchDatabase database, Guid workspace, Guid survey,
        IEnumerable<Row> rows)
    {
        const int PerTransaction = 100_000;
        await using var command = connection.CreateCommand();
        // Completed, already announced answers with no answers JSON beyond the score: what metrics read.
        command.CommandText = "INSERT INTO \"Responses\" (\"WorkspaceId\", \"SurveyId\", \"Metric\", \"Score\", \"Comment\", \"SubmittedAt\", " +
            "\"StartedAt\", \"Answers\", \"Status\", \"Version\", \"Notified\", \"TouchPointId\", \"Channel\", \"Snapshot\") " +
            "VALUES (@w, @s, 'Nps', @score, @comment, @at, @at, '{}', 'Completed', 1, 1, @point, @channel, @snapshot)";
        DbParameter Add(string name)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
            return p;
        }

        var (w, s, scoreParameter, commentParameter, atParameter) = (Add("w"), Add("s"), Add("score"), Add("comment"), Add("at"));
        var (pointParameter, channelParameter, snapshotParameter) = (Add("point"), Add("channel"), Add("snapshot"));
        w.Value = database.Value(workspace);
        s.Value = database.Value(survey);
        DbTransaction? transaction = null;
        long written = 0;
        foreach (var (at, score, comment, point, channel, snapshot) in rows)
        {
            if (written++ % PerTransaction == 0)
            {
                if (transaction is not null)
                {
                    await transaction.CommitAsync();
                    await transaction.DisposeAsync();
                }

                transaction = await connection.BeginTransactionAsync();
                command.Transaction = transaction;
            }

            scoreParameter.Value = score;
            commentParameter.Value = (object?)comment ?? DBNull.Value;
            atParameter.Value = database.Value(at);
            pointParameter.Value = database.Value(point);
            channelParameter.Value = channel;
            snapshotParameter.Value = snapshot;
            await command.ExecuteNonQueryAsync();
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
        }
    }
}
