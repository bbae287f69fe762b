using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Touchpoint.Bench;

/// <summary>
/// survey-page: the weight of the first page of a 10-question survey as a respondent's browser loads
/// it with JavaScript off: the HTML plus every same-origin stylesheet and script it references.
/// Target (docs/BENCHMARKS.md): under 50 KB transferred and no blocking script. There is no baseline:
/// the figure is a budget, not a speed, so it holds on any machine.
/// </summary>
internal static partial class SurveyPageBenchmark
{
    public const int BudgetBytes = 50 * 1024;

    /// <summary>Ten questions on one page, one of every kind a survey page draws, with realistic text.</summary>
    private static readonly object Definition = new
    {
        pages = new[]
        {
            new
            {
                id = "p1",
                questions = new object[]
                {
                    new { id = "nps", type = "nps", title = "How likely are you to recommend Northwind Outfitters to a friend or colleague?", required = true },
                    new { id = "csat", type = "csat", title = "How satisfied are you with your most recent order?" },
                    new { id = "ces", type = "ces", title = "Northwind made it easy for me to handle my issue." },
                    new { id = "stars", type = "rating", title = "How would you rate the product you bought?", scaleMax = 5 },
                    new { id = "visit", type = "single", title = "Where did you shop?", choices = Choices("Online shop", "Mobile app", "Store", "Phone order", "Marketplace") },
                    new { id = "liked", type = "multiple", title = "What did you like?", choices = Choices("Price", "Quality", "Delivery speed", "Packaging", "Support", "Range") },
                    new
                    {
                        id = "agree", type = "matrix", title = "How much do you agree?",
                        rows = Choices("The website was easy to use", "Delivery was on time", "Staff were friendly", "Returns were simple"),
                        choices = Choices("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"),
                    },
                    new { id = "rank", type = "ranking", title = "Rank what matters most to you", choices = Choices("Price", "Quality", "Speed", "Service") },
                    new { id = "email", type = "text", title = "May we contact you? Leave your email", singleLine = true },
                    new { id = "comment", type = "text", title = "What is the main reason for your score?" },
                },
            },
        },
    };

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = DateTime.UtcNow;
        var scratch = options.ScratchFolder();
        await using var database = await BenchDatabase.CreateAsync(options.Provider, scratch, "touchpoint");
        await using var host = await TouchpointHost.StartAsync(database, scratch, "touchpoint");
        using var created = await host.Client.PostAsJsonAsync("/api/v1/surveys", new { name = "Ten questions", metric = "nps", definition = Definition });
        created.EnsureSuccessStatusCode();
        using var survey = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var page = new Uri(survey.RootElement.GetProperty("publicUrl").GetString()!);
        // The respondent's browser: no cookies, no key, the host the link names.
        using var browser = new HttpClient();
        var html = await browser.GetStringAsync(new Uri(host.BaseAddress, page.PathAndQuery));
        var htmlBytes = System.Text.Encoding.UTF8.GetByteCount(html);
        var resources = new Dictionary<string, long>();
        foreach (var url in Referenced(html))
        {
            resources[url] = (await browser.GetByteArrayAsync(new Uri(host.BaseAddress, url))).LongLength;
        }

        var blocking = BlockingScripts().Count(html);
        var total = htmlBytes + resources.Values.Sum();
        var met = total < BudgetBytes && blocking == 0;
        var kb = Report.F(total / 1024.0, "0.0");
        var summary = $"survey-page {options.ProviderName}: first page of a 10-question survey {kb} KB (HTML {Report.F(htmlBytes / 1024.0, "0.0")} KB + " +
            $"{resources.Count} same-origin resources), {blocking} blocking scripts (target < 50 KB and none: {(met ? "met" : "missed")})";
        var row = $"| {started:yyyy-MM-dd} | {options.ProviderName} | `{options.Command}` | {kb} KB, {blocking} blocking scripts | – | – | < 50 KB, none | " +
            $"{(met ? "met" : "**missed**")} |";
        var path = Report.Write(new BenchReport("survey-page", started, options.Command, options.ProviderName, null, Report.Machine(), summary, row,
            new { budgetBytes = BudgetBytes, htmlBytes, resources, blockingScripts = blocking, totalBytes = total }), options.Out);
        Console.WriteLine(summary);
        Console.WriteLine(row);
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private static object[] Choices(params string[] texts) =>
        texts.Select((text, i) => (object)new { value = $"c{i + 1}", text }).ToArray();

    /// <summary>Same-origin stylesheets and scripts: what the browser fetches before it can show or run the page.</summary>
    private static IEnumerable<string> Referenced(string html) =>
        Resources().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value))
            .Where(url => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)).Distinct();

    [GeneratedRegex("""<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="(?<url>[^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex Resources();

    /// <summary>An external script without async, defer or type="module" stops the parser until it has loaded and run.</summary>
    [GeneratedRegex("""<script(?![^>]*\b(?:async|defer|type="module"))[^>]*\bsrc=[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex BlockingScripts();
}
