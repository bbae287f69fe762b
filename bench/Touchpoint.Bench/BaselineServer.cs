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
/// The baselines of survey-submit and tracking-single: the least a server can do to durably store the same row. Kestrel and
/// one minimal-API route, no authentication, no EF; requests queue their row and one writer commits
/// whatever has queued as one transaction (group commit), then acknowledges each request. It writes
/// into Touchpoint's own Responses or Events table (same schema, indexes and foreign keys) with the
/// same durability, so the only difference measured is what Touchpoint does per request.
/// Runs as its own process: <c>Touchpoint.Bench baseline-server</c>, configured by environment.
/// </summary>
internal static class BaselineServer
{
    public const string Verb = "baseline-server";

    public static async Task<int> RunAsync()
    {
        var provider = Providers.Parse(Required("TOUCHPOINT_BASELINE_PROVIDER"));
        var connection = Required("TOUCHPOINT_BASELINE_CONNECTION");
        var port = int.Parse(Required("TOUCHPOINT_BASELINE_PORT"), System.Globalization.CultureInfo.InvariantCulture);
        var workspace = Guid.Parse(Required("TOUCHPOINT_BASELINE_WORKSPACE"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Ok());

        // survey-submit's baseline stores responses; tracking-single's stores events. Same writer.
        IDisposable writer;
        if (Environment.GetEnvironmentVariable("TOUCHPOINT_BASELINE_CUSTOMER") is { } customer)
        {
            var events = EventBaselineDatabase.Open(provider, connection, workspace, Guid.Parse(customer));
            var queue = new BareGroupCommit<BaselineEvent>(events.Insert);
            writer = queue;
            app.MapPost("/events", async (BaselineEvent e) =>
            {
                if (string.IsNullOrEmpty(e.Event) || string.IsNullOrEmpty(e.MessageId))
                {
                    return Results.BadRequest();
                }

                await queue.WriteAsync(e);
                return Results.Ok(new BaselineSuccess(true));
            });
        }
        else
        {
            var responses = await BaselineDatabase.OpenAsync(provider, connection, workspace, Guid.Parse(Required("TOUCHPOINT_BASELINE_SURVEY")));
            var queue = new BareGroupCommit<PendingRow>(responses.Insert);
            writer = queue;
            app.MapPost("/responses", async (BaselineAnswer answer) =>
            {
                // The least checking that keeps the row meaningful: the headline score is in range.
                if (answer.Answers.ValueKind != System.Text.Json.JsonValueKind.Object
                    || !answer.Answers.TryGetProperty(SurveySubmitBenchmark.HeadlineId, out var headline)
                    || !headline.TryGetInt32(out var score) || score is < 0 or > 10)
                {
                    return Results.BadRequest();
                }

                var comment = answer.Answers.TryGetProperty(SurveySubmitBenchmark.CommentId, out var c) ? c.GetString() : null;
                var id = await queue.WriteAsync(new PendingRow(score, comment, answer.Answers.GetRawText(), DateTime.UtcNow));
                return Results.Created($"/responses/{id}", new BaselineCreated(id));
            });
        }

        await app.RunAsync();
        writer.Dispose();
        return 0;
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"Set {name}.");
}

/// <summary>
/// The baselines' writer: requests queue their row, and one thread commits whatever has queued as one
/// transaction (group commit), then completes each request with its row's id. It has a thread of its
/// own: SQLite calls block (its async API is synchronous inside), and on one core a blocked pool thread
/// would hold up the requests waiting to be parsed and queued.
/// </summary>
internal sealed class BareGroupCommit<TRow> : IDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<(TRow Row, TaskCompletionSource<long> Committed)> _queue =
        Channel.CreateUnbounded<(TRow, TaskCompletionSource<long>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TRow>, long[]> _insert;
    private readonly Thread _writer;

    public BareGroupCommit(Func<IReadOnlyList<TRow>, long[]> insert)
    {
        _insert = insert;
        _writer = new Thread(Write) { IsBackground = true, Name = "group-commit writer" };
        _writer.Start();
    }

    public async Task<long> WriteAsync(TRow row)
    {
        // Continuations run on the pool, not on the writer, so the writer goes straight on to the next batch.
        var committed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((row, committed));
        return await committed.Task;
    }

    private void Write()
    {
        var batch = new List<(TRow Row, TaskCompletionSource<long> Committed)>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var ids = _insert(batch.Select(p => p.Row).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Committed.TrySetResult(ids[i]);
                }
            }
            catch (DbException e)
            {
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetException(e);
                }
            }
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Join();
    }
}

/// <summary>The survey-submit body: <c>{"answers":{...}}</c>, kept as it came.</summary>
internal sealed record BaselineAnswer(System.Text.Json.JsonElement Answers);

internal sealed record BaselineCreated(long Id);

/// <summary>The fields of a Segment track message that the Events row needs.</summary>
internal sealed record BaselineEvent(string? MessageId, string? UserId, string? Event, System.Text.Json.JsonElement Properties, DateTime? Timestamp);

internal sealed record BaselineSuccess(bool Success);

[JsonSerializable(typeof(BaselineAnswer))]
[JsonSerializable(typeof(BaselineCreated))]
[JsonSerializable(typeof(BaselineEvent))]
[JsonSerializable(typeof(BaselineSuccess))]
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
internal sealed partial class BaselineJson : JsonSerializerContext;

/// <summary>A survey answer waiting for the baseline's writer.</summary>
internal sealed record PendingRow(int Score, string? Comment, string Answers, DateTime SubmittedAt);

/// <summary>
/// The writer's one open connection. SQLite runs in-process, so one prepared INSERT per row inside
/// the transaction costs microseconds; PostgreSQL sends the batch's INSERTs in one round trip.
/// </summary>
internal sealed class BaselineDatabase
{
    private const string Columns =
        "INSERT INTO \"Responses\" (\"WorkspaceId\", \"SurveyId\", \"Metric\", \"Score\", \"Comment\", \"Answers\", \"SubmittedAt\", " +
        "\"StartedAt\", \"Status\", \"Version\", \"Notified\") ";

    private const string InsertSql = Columns + "VALUES (@w, @s, 'Nps', @score, @comment, @answers, @at, @at, 'Completed', 1, FALSE) RETURNING \"Id\"";

    // Batch commands take positional parameters only.
    private const string InsertPositional = Columns + "VALUES ($1, $2, 'Nps', $3, $4, $5, $6, $6, 'Completed', 1, FALSE) RETURNING \"Id\"";

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
        var answers = Add(command, "answers");
        workspace.Value = _values.Value(_workspace);
        survey.Value = _values.Value(_survey);
        var ids = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            score.Value = rows[i].Score;
            comment.Value = (object?)rows[i].Comment ?? DBNull.Value;
            answers.Value = rows[i].Answers;
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
            command.Parameters.Add(new NpgsqlParameter { Value = row.Answers, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
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
