using Touchpoint.Bench;

// Touchpoint's benchmarks. Method and targets: docs/BENCHMARKS.md. Every figure is a ratio against a
// baseline measured in the same run; the absolute numbers are printed for orientation only.
//
//   self-check       the bench's own arithmetic (histogram percentiles, option parsing)
//   survey-submit    POST /api/v1/surveys/{id}/responses, open loop, max rate with p99 <= 25 ms,
//                    against a bare group-commit endpoint (BaselineServer) on the same database
//   dashboard-nps    GET /api/v1/metrics/nps?groupBy=week over N seeded responses,
//                    against the plain SQL GROUP BY over the same rows
//   dashboard-nps-segment  GET /api/v1/metrics/nps?groupBy=week&breakdown=segment (20 segments) from the rollups,
//                    against the plain SQL GROUP BY (segment, week) unnesting the snapshots' segments
//   combined-filters NPS by week for segment x touch point x channel (raw rows through our indexes),
//                    against the same raw SQL on a copy of the table without our indexes
//   tracking-batch   POST /v1/batch of 100 track events, N events, against raw batched inserts
//                    (SQLite) / binary COPY (PostgreSQL) of the same rows into the same table
//   tracking-single  POST /v1/track, one event per request, open loop, max rate with p99 <= 25 ms,
//                    against a bare group-commit endpoint storing the same row
//   segment-recompute  recompute a 3-trait + 1-event-count segment over N customers and 10N events,
//                    against one SQL COUNT with the same predicates
//   survey-page      bytes of the first page of a 10-question survey (HTML + same-origin CSS/JS),
//                    against a fixed budget of 50 KB and no blocking script
//   text-intents     intent classifier on Banking77 (--data <shared data>): hold-out tuning, test accuracy, training time
//   chat-fanout      N connected chat widgets + 1 agent, R messages/s through the hub, persisted and delivered,
//                    against a bare SignalR echo hub (EchoHubServer); p99 to the agent and memory per connection
//   text-emotions-speed  texts/s through the emotion analyser and the signal detector, one thread, synthetic comments
//   text-sentiment   sentiment accuracy (Pearson r, sign) on the VADER corpora (--data), against npm vader-sentiment
//   text-analyze-speed  texts/s of TextAnalyzer (sentiment + emotions + signals, and with topics) on the VADER tweets, against npm vader-sentiment
//   text-speed       texts/s of the text analysers on the VADER tweets, against npm vader-sentiment in the same run
//   text-sentiment-explore  (tuning) r on even ids for variants of the sentiment settings
//   text-sentiment-tune  (tuning) learn the sentiment domain adjustments from even ids only, write them as C#
//   baseline-server  (internal) the bare endpoint, started by survey-submit and tracking-single
//   echo-hub         (internal) the bare SignalR hub, started by chat-fanout
if (args.Length > 0 && args[0] == BaselineServer.Verb)
{
    return await BaselineServer.RunAsync();
}

if (args.Length > 0 && args[0] == EchoHubServer.Verb)
{
    return await EchoHubServer.RunAsync();
}

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: Touchpoint.Bench <self-check|survey-submit|dashboard-nps|dashboard-nps-segment|combined-filters|tracking-batch|tracking-single|segment-recompute|survey-page|chat-fanout|text-emotions-speed|text-sentiment|text-speed|text-analyze-speed|text-sentiment-tune|text-sentiment-explore> [--provider sqlite|postgres] [--size N] " +
        "[--rate R] [--duration S] [--runs 3] [--calls 20] [--data ../shared/data] [--out bench/results]");
    Console.WriteLine("       Touchpoint.Bench text-intents --data <shared data folder> [--runs 3] [--quick true] [--out bench/results]");
    return args.Length == 0 ? 1 : 0;
}

// Not pinned: training uses both cores, and there is no server under test.
if (args[0] == TextIntentsBenchmark.Verb)
{
    return TextIntentsBenchmark.Run(args);
}

if (args[0] == "self-check")
{
    return SelfCheck.Run();
}

// Text analysis is in-process CPU work: it runs unpinned, on every core.
if (args[0] == TextSentimentDiff.Verb)
{
    var at = Array.IndexOf(args, "--corpus");
    var corpus = at > 0 && at + 1 < args.Length ? args[at + 1] : "tweets";
    return await TextSentimentDiff.RunAsync(BenchOptions.Parse(at > 0 ? [.. args[..at], .. args[(at + 2)..]] : args), corpus);
}

if (args[0] is TextSentimentBenchmark.Verb or TextSpeedBenchmark.Verb or TextSentimentTuning.Verb or TextSentimentExplore.Verb or TextAnalyzeSpeedBenchmark.Verb)
{
    var text = BenchOptions.Parse(args);
    return text.Benchmark switch
    {
        TextSentimentBenchmark.Verb => await TextSentimentBenchmark.RunAsync(text),
        TextSpeedBenchmark.Verb => await TextSpeedBenchmark.RunAsync(text),
        TextSentimentExplore.Verb => TextSentimentExplore.Run(text),
        TextAnalyzeSpeedBenchmark.Verb => await TextAnalyzeSpeedBenchmark.RunAsync(text),
        _ => TextSentimentTuning.Run(text),
    };
}

// Everything below generates load: run it on core 1, leaving core 0 to the server under test.
if (Pinning.RunPinned(args) is { } exitCode)
{
    return exitCode;
}

var options = BenchOptions.Parse(args);
return options.Benchmark switch
{
    "survey-submit" => await SurveySubmitBenchmark.RunAsync(options),
    "dashboard-nps" => await DashboardBenchmark.RunAsync(options),
    CutQueryBenchmark.SegmentVerb or CutQueryBenchmark.CombinedVerb => await CutQueryBenchmark.RunAsync(options),
    "tracking-batch" => await TrackingBatchBenchmark.RunAsync(options),
    "tracking-single" => await TrackingSingleBenchmark.RunAsync(options),
    "segment-recompute" => await SegmentRecomputeBenchmark.RunAsync(options),
    "survey-page" => await SurveyPageBenchmark.RunAsync(options),
    "chat-fanout" => await ChatFanoutBenchmark.RunAsync(options),
    "text-emotions-speed" => TextEmotionsSpeedBenchmark.Run(options),
    _ => throw new ArgumentException($"Unknown benchmark '{options.Benchmark}'."),
};
