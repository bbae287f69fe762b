using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Ingest;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Bench;

/// <summary>
/// Where one submission's time goes, without load: the three database steps a POST makes (find the
/// API key, find the survey, validate and save the answer in its own transaction), replayed in this
/// process on Touchpoint's own database with its own services, one request at a time, beside what a
/// bare one-row commit costs on the same database. Medians in ms; HTTP and JSON are what is left of
/// the server's p50.
/// </summary>
internal static class SubmitBreakdown
{
    private const int Warmup = 20;
    private const int Samples = 200;

    public static async Task<Dictionary<string, double>> MeasureAsync(BenchDatabase database, Guid workspace, Guid survey)
    {
        var builder = new DbContextOptionsBuilder<TouchpointDbContext>();
        DatabaseSetup.Configure(builder, database.Provider, database.ConnectionString);
        // The answer is saved through the same group-commit writer the host uses.
        var services = new ServiceCollection().AddLogging().AddScoped<WorkspaceScope>()
            .AddDbContext<TouchpointDbContext>(b => DatabaseSetup.Configure(b, database.Provider, database.ConnectionString))
            .AddSingleton<GroupCommitWriter>();
        await using var provider = services.BuildServiceProvider();
        var writer = provider.GetRequiredService<GroupCommitWriter>();
        // One cache of each kind for all iterations, as the host keeps one: after the first, key and survey lookups are hits.
        using var memory = new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());
        var keyCache = new ApiKeyCache(memory);
        var surveys = new LiveSurveys(TimeProvider.System);
        var subscriptions = new WebhookSubscriptions(TimeProvider.System);
        // The comment is analysed on ingest, as the host does, with the built-in taxonomy.
        var text = new TextIngest(new BuiltInTextAnalyzerSource(), TimeProvider.System, provider.GetRequiredService<ILogger<TextIngest>>());
        await writer.StartAsync(CancellationToken.None);
        var times = new Dictionary<string, List<double>> { ["apiKeyLookup"] = [], ["surveyLookup"] = [], ["validateAndSave"] = [], ["bareOneRowCommit"] = [] };
        for (var i = 0; i < Warmup + Samples; i++)
        {
            // A new context and scope per iteration, as each request gets.
            var scope = new WorkspaceScope();
            await using var db = new TouchpointDbContext(builder.Options, scope);
            var keys = new ApiKeyService(db, new AuditLog(db, TimeProvider.System), keyCache, TimeProvider.System);
            var watch = Stopwatch.StartNew();
            _ = await keys.FindActiveAsync(TouchpointHost.ApiKey) ?? throw new InvalidOperationException("Bench key not found.");
            var key = watch.Elapsed.TotalMilliseconds;
            scope.Enter(workspace);

            watch.Restart();
            var found = await surveys.FindAsync(db, survey, CancellationToken.None) ?? throw new InvalidOperationException("Bench survey not found.");
            var lookup = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            var result = await new ResponseSubmission(db, writer, subscriptions, TimeProvider.System, text).SubmitAsync(found.Survey, found.Definition, new ResponseSubmission.Submission(new System.Text.Json.Nodes.JsonObject
            {
                [SurveySubmitBenchmark.HeadlineId] = 9,
                ["visit"] = "web",
                [SurveySubmitBenchmark.CommentId] = "Breakdown sample.",
            }));
            var save = watch.Elapsed.TotalMilliseconds;
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Breakdown submission failed.");
            }

            watch.Restart();
            await BareCommitAsync(database, workspace, survey);
            var bare = watch.Elapsed.TotalMilliseconds;
            if (i >= Warmup)
            {
                times["apiKeyLookup"].Add(key);
                times["surveyLookup"].Add(lookup);
                times["validateAndSave"].Add(save);
                times["bareOneRowCommit"].Add(bare);
            }
        }

        await writer.StopAsync(CancellationToken.None);
        return times.ToDictionary(t => t.Key, t => t.Value.Order().ElementAt(t.Value.Count / 2));
    }

    private static async Task BareCommitAsync(BenchDatabase database, Guid workspace, Guid survey)
    {
        await using var connection = database.OpenConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO \"Responses\" (\"WorkspaceId\", \"SurveyId\", \"Metric\", \"Score\", \"Comment\", \"SubmittedAt\", " +
            "\"Answers\", \"StartedAt\", \"Status\", \"Version\", \"Notified\") " +
            "VALUES (@w, @s, 'Nps', 9, 'Breakdown sample.', @at, '{\"nps\":9,\"visit\":\"web\"}', @at, 'Completed', 1, FALSE)";
        foreach (var (name, value) in new[] { ("w", database.Value(workspace)), ("s", database.Value(survey)), ("at", database.Value(DateTime.UtcNow)) })
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
