using System.Data.Common;
using System.Text;

namespace Touchpoint.Bench;

/// <summary>
/// survey-submit: one completed 5-question response (NPS, single choice, multiple choice, stars, comment) per request, open loop, on a rising
/// ladder of rates. Figure: the highest rate with p99 within 25 ms. Baseline in the same run: the
/// bare group-commit endpoint (<see cref="BaselineServer"/>) on the same provider and durability.
/// Target (docs/BENCHMARKS.md): ours >= 25% of the baseline's rate.
/// </summary>
internal static class SurveySubmitBenchmark
{
    public const double P99LimitMs = 25;
    public const double Target = 0.25;
    public const string HeadlineId = "nps";
    public const string CommentId = "comment";

    /// <summary>The survey both sides answer: five questions on one page, as a post-purchase survey asks them.</summary>
    public static readonly object Definition = new
    {
        pages = new[]
        {
            new
            {
                id = "p1",
                questions = new object[]
                {
                    new { id = HeadlineId, type = "nps", title = "How likely are you to recommend us to a friend or colleague?", required = true },
                    new
                    {
                        id = "visit", type = "single", title = "Where did you shop?", required = true,
                        choices = new[] { new { value = "web", text = "Online" }, new { value = "app", text = "App" }, new { value = "store", text = "In a store" } },
                    },
                    new
                    {
                        id = "liked", type = "multiple", title = "What did you like?",
                        choices = new[]
                        {
                            new { value = "price", text = "Price" }, new { value = "quality", text = "Quality" },
                            new { value = "delivery", text = "Delivery" }, new { value = "support", text = "Support" },
                        },
                    },
                    new { id = "stars", type = "rating", title = "How would you rate the product?", scaleMax = 5 },
                    new { id = CommentId, type = "text", title = "What is the main reason for your score?" },
                },
            },
        },
    };

    private static readonly string[] Comments =
    [
        "Support answered within minutes and fixed it on the first call.",
        "The app keeps logging me out, which is annoying when I am in a hurry.",
        "Good value for money, delivery was a day late though.",
        "Great product, I already recommended it to two colleagues.",
        "Billing was confusing and nobody could explain the extra charge.",
        "Fine overall. Nothing special but it does what it says.",
        "Checkout was quick and the package arrived well wrapped.",
        "Waited 40 minutes on hold before anyone picked up.",
    ];

    private static readonly string[] Visits = ["web", "app", "store"];
    private static readonly string[] Liked = ["price", "quality", "delivery", "support"];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = DateTime.UtcNow;
        var scratch = options.ScratchFolder();
        var startRate = options.Rate ?? 200;
        var duration = TimeSpan.FromSeconds(options.Duration ?? 5);
        var bodies = Bodies();
        Console.WriteLine($"survey-submit on {options.ProviderName}: ladder from {startRate}/s, {options.Runs} runs of {duration.TotalSeconds} s per step, " +
            $"p99 limit {P99LimitMs} ms; scratch {scratch}");

        // Both servers run side by side (each pinned to core 0, each on its own fresh database) and
        // their ladders alternate step by step, so a burst of noise on this shared machine hits both.
        using var generator = new LoadGenerator();
        await using var oursDatabase = await BenchDatabase.CreateAsync(options.Provider, scratch, "touchpoint");
        await using var baselineDatabase = await BenchDatabase.CreateAsync(options.Provider, scratch, "baseline");
        await using var host = await TouchpointHost.StartAsync(oursDatabase, scratch, "touchpoint");
        var (survey, workspace) = await host.CreateSurveyAsync(Definition);
        var oursEndpoint = new Uri(host.BaseAddress, $"/api/v1/surveys/{survey}/responses");

        // The baseline's schema, workspace and survey are made by Touchpoint itself; then only the bare endpoint runs on it.
        Guid baselineSurvey, baselineWorkspace;
        await using (var setup = await TouchpointHost.StartAsync(baselineDatabase, scratch, "baseline-setup"))
        {
            (baselineSurvey, baselineWorkspace) = await setup.CreateSurveyAsync(Definition);
        }

        await using var server = await StartBaselineAsync(baselineDatabase, scratch, baselineWorkspace, baselineSurvey);
        var baselineEndpoint = new Uri(server.BaseAddress, "/responses");

        var oursLadder = new RateLadder("touchpoint", generator, i => Request(oursEndpoint, bodies[i % bodies.Length]), startRate, duration,
            options.Runs, P99LimitMs);
        var baselineLadder = new RateLadder("baseline", generator, i => Request(baselineEndpoint, bodies[i % bodies.Length]), startRate, duration,
            options.Runs, P99LimitMs);
        var (ours, baseline) = await LadderRace.RunAsync(oursLadder, baselineLadder, () => CountRowsAsync(oursDatabase),
            () => CountRowsAsync(baselineDatabase));
        var breakdown = await SubmitBreakdown.MeasureAsync(oursDatabase, workspace, survey);
        Console.WriteLine("where one submission's time goes (in-process, sequential, median ms): " +
            string.Join(", ", breakdown.Select(b => $"{b.Key} {Report.F(b.Value, "0.00")}")));
        LadderRace.Report("survey-submit", options, started, Target, ours, baseline,
            new { p99LimitMs = P99LimitMs, runSeconds = duration.TotalSeconds, breakdownMs = breakdown });
        return 0;
    }

    private static Task<HostProcess> StartBaselineAsync(BenchDatabase database, string scratch, Guid workspace, Guid survey) =>
        LadderRace.StartBaselineAsync(database, scratch, new Dictionary<string, string>
        {
            ["TOUCHPOINT_BASELINE_WORKSPACE"] = workspace.ToString(),
            ["TOUCHPOINT_BASELINE_SURVEY"] = survey.ToString(),
        });

    /// <summary>The same request to either server: JSON body and a bearer key (the baseline ignores the key).</summary>
    private static HttpRequestMessage Request(Uri endpoint, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TouchpointHost.ApiKey);
        return request;
    }

    /// <summary>Seeded, so every run sends the same sequence: NPS-like scores (more 8-10s than 0-3s), the other four answers and a comment.</summary>
    private static byte[][] Bodies()
    {
        var random = new Random(20261122);
        return Enumerable.Range(0, 256).Select(_ =>
        {
            var score = random.NextDouble() switch { < 0.15 => random.Next(0, 7), < 0.35 => random.Next(7, 9), _ => random.Next(9, 11) };
            var comment = Comments[random.Next(Comments.Length)];
            var visit = Visits[random.Next(Visits.Length)];
            var liked = string.Join(",", Liked.Where(_ => random.Next(2) == 0).Select(l => $"\"{l}\""));
            var answers = $"\"{HeadlineId}\":{score},\"visit\":\"{visit}\",\"liked\":[{liked}],\"stars\":{random.Next(1, 6)},\"{CommentId}\":\"{comment}\"";
            return Encoding.UTF8.GetBytes("{\"answers\":{" + answers + "}}");
        }).ToArray();
    }

    private static async Task<long> CountRowsAsync(BenchDatabase database)
    {
        await using DbConnection connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Responses\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
