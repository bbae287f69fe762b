using System.Data.Common;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Touchpoint.Core.Data;

namespace Touchpoint.Bench;

/// <summary>
/// The survey-submit baseline: the least a server can do to durably store the same row. Kestrel and
/// one minimal-API route, no authentication, no EF; requests queue their row and one writer commits
/// whatever has queued as one transaction (group commit), then acknowledges each request. It writes
/// into Touchpoint's own Responses table (same schema, indexes and foreign keys) with the same
/// durability, so the only difference measured is what Touchpoint does per request.
/// Runs as its own process: <c>Touchpoint.Bench baseline-server</c>, configured by environment.
/// </summary>
internal static class BaselineServer
{
    public const string Verb = "baseline-server";
    private const int MaxBatch = 512;

    public static async Task<int> RunAsync()
    {
        var provider = Providers.Parse(Required("TOUCHPOINT_BASELINE_PROVIDER"));
        var connection = Required("TOUCHPOINT_BASELINE_CONNECTION");
        var port = int.Parse(Required("TOUCHPOINT_BASELINE_PORT"), System.Globalization.CultureInfo.InvariantCulture);
        var workspace = Guid.Parse(Required("TOUCHPOINT_BASELINE_WORKSPACE"));
        var survey = Guid.Parse(Required("TOUCHPOINT_BASELINE_SURVEY"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));
        var app = builder.Build();

        var queue = Channel.CreateUnbounded<PendingRow>(new UnboundedChannelOptions { SingleReader = true });
        var database = await BaselineDatabase.OpenAsync(provider, connection, workspace, survey);
        // The writer has a thread of its own: SQLite calls block (its async API is synchronous inside), and
        // on one core a blocked pool thread would hold up the requests waiting to be parsed and queued.
        var writer = new Thread(() => Write(queue.Reader, database)) { IsBackground = true, Name = "group-commit writer" };
        writer.Start();

        app.MapGet("/healthz", () => Results.Ok());
        app.MapPost("/responses", async (BaselineAnswer answer) =>
        {
            if (answer.Score is < 0 or > 10)
            {
                return Results.BadRequest();
            }

            var row = new PendingRow(answer.Score, answer.Comment, DateTime.UtcNow);
            await queue.Writer.WriteAsync(row);
            var id = await row.Committed.Task;
            return Results.Created($"/responses/{id}", new BaselineCreated(id));
        });

        await app.RunAsync();
        queue.Writer.Complete();
        writer.Join();
        return 0;
    }

    /// <summary>Takes everything queued (up to a cap) into one transaction; the next batch forms while this one commits.</summary>
    private static void Write(ChannelReader<PendingRow> queue, BaselineDatabase database)
    {
        var batch = new List<PendingRow>(MaxBatch);
        while (queue.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.TryRead(out var row))
            {
                batch.Add(row);
            }

            try
            {
                var ids = database.Insert(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Committed.TrySetResult(ids[i]);
                }
            }
            catch (DbException e)
            {
                foreach (var row in batch)
                {
                    row.Committed.TrySetException(e);
                }
            }
        }
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"Set {name}.");
}

internal sealed record BaselineAnswer(int Score, string? Comment);

internal sealed record BaselineCreated(long Id);

[JsonSerializable(typeof(BaselineAnswer))]
[JsonSerializable(typeof(BaselineCreated))]
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
internal sealed partial class BaselineJson : JsonSerializerContext;

/// <summary>A row waiting for the writer; completed with its id after the transaction commits.</summary>
internal sealed class PendingRow(int score, string? comment, DateTime submittedAt)
{
    public int Score { get; } = score;
    public string? Comment { get; } = comment;
    public DateTime SubmittedAt { get; } = submittedAt;

    // Continuations run on the pool, not on the writer, so the writer goes straight on to the next batch.
    public TaskCompletionSource<long> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// The writer's one open connection. SQLite runs in-process, so one prepared INSERT per row inside
/// the transaction costs microseconds; PostgreSQL sends the batch's INSERTs in one round trip.
/// </summary>
internal sealed class BaselineDatabase
{
    private const string InsertSql =
        "INSERT INTO \"Responses\" (\"WorkspaceId\", \"SurveyId\", \"Metric\", \"Score\", \"Comment\", \"SubmittedAt\") " +
        "VALUES (@w, @s, 'Nps', @score, @comment, @at) RETURNING \"Id\"";

    // Batch commands take positional parameters only.
    private const string InsertPositional =
        "INSERT INTO \"Responses\" (\"WorkspaceId\", \"SurveyId\", \"Metric\", \"Score\", \"Comment\", \"SubmittedAt\") " +
        "VALUES ($1, $2, 'Nps', $3, $4, $5) RETURNING \"Id\"";

    private readonly BenchDatabase _values;
    private readonly DbConnection _connection;
    private readonly Guid _workspace;
    private readonly Guid _survey;

    private BaselineDatabase(BenchDatabase values, DbConnection connection, Guid workspace, Guid survey)
    {
        _values = values;
        _connection = connection;
        _workspace = workspace;
        _survey = survey;
    }

    public static Task<BaselineDatabase> OpenAsync(DatabaseProvider provider, string connectionString, Guid workspace, Guid survey)
    {
        var values = BenchDatabase.Existing(provider, connectionString);
        return Task.FromResult(new BaselineDatabase(values, values.OpenConnection(), workspace, survey));
    }

    public long[] Insert(IReadOnlyList<PendingRow> rows)
    {
        using var transaction = _connection.BeginTransaction();
        var ids = _connection is NpgsqlConnection npgsql
            ? InsertPostgres(npgsql, (NpgsqlTransaction)transaction, rows)
            : InsertSqlite(transaction, rows);
        transaction.Commit();
        return ids;
    }

    private long[] InsertSqlite(DbTransaction transaction, IReadOnlyList<PendingRow> rows)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        var (workspace, survey, score, comment, at) = (Add(command, "w"), Add(command, "s"), Add(command, "score"), Add(command, "comment"), Add(command, "at"));
        workspace.Value = _values.Value(_workspace);
        survey.Value = _values.Value(_survey);
        var ids = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            score.Value = rows[i].Score;
            comment.Value = (object?)rows[i].Comment ?? DBNull.Value;
            at.Value = _values.Value(rows[i].SubmittedAt);
            ids[i] = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return ids;
    }

    private long[] InsertPostgres(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingRow> rows)
    {
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(InsertPositional);
            command.Parameters.Add(new NpgsqlParameter { Value = _workspace });
            command.Parameters.Add(new NpgsqlParameter { Value = _survey });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Score });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Comment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(row.SubmittedAt, DateTimeKind.Utc) });
            batch.BatchCommands.Add(command);
        }

        var ids = new long[rows.Count];
        using var reader = batch.ExecuteReader();
        for (var i = 0; i < rows.Count; i++)
        {
            reader.Read();
            ids[i] = reader.GetInt64(0);
            reader.NextResult();
        }

        return ids;
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
