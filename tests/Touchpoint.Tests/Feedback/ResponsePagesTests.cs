using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Feedback;

/// <summary>The Responses page (filters, export buttons, live feed) and a response's own page, as a signed-in member uses them.</summary>
[Collection(AppCollection.Name)]
public sealed class ResponsePagesTests(AppFixture fixture)
{
    private const string Hostile = "<script>alert('x')</script> slow";

    private static async Task<PageSession> SignInAsync(TestWorkspace workspace)
    {
        var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        return session;
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ResponsesPage_DetractorFilter_ListsOnlyDetractorsEncoded(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        await client.SubmitAsync(survey, 10, comment: "Loved it");
        await client.SubmitAsync(survey, 3, comment: Hostile);
        using var session = await SignInAsync(workspace);

        var (response, html) = await session.GetAsync($"/responses?survey={survey}&band=detractor");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Loved it", html, StringComparison.Ordinal);
        Assert.Contains($"/responses/export?format=csv&amp;survey={survey}", html, StringComparison.Ordinal);
        Assert.Contains("band=detractor", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ResponsesPage_ExportButton_DownloadsTheFilteredCsv(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        await client.SubmitAsync(survey, 10, comment: "Promoter");
        await client.SubmitAsync(survey, 1, comment: "Detractor");
        using var session = await SignInAsync(workspace);

        var (response, csv) = await session.GetAsync($"/responses/export?format=csv&survey={survey}&band=promoter");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Promoter", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Detractor", csv, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ResponseDetail_ShowsQuestionTextAnswersContextAndSnapshotEncoded(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var id = (await client.SubmitAsync(survey, 4, comment: Hostile)).GetInt64("id");
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var row = await db.Responses.FirstAsync(r => r.Id == id);
            row.Agent = "<b>Agent</b> Smith";
            row.OrderId = "ORD-42";
            row.Device = "mobile";
            row.Language = "en";
            row.DurationSeconds = 75;
            row.Answers = JsonSerializer.Serialize(new { score = 4, comment = Hostile, source = "<img src=x onerror=alert(1)>" });
            row.Snapshot = JsonSerializer.Serialize(new { lifecycleStage = "<i>loyal</i>", segments = Array.Empty<string>() });
            await db.SaveChangesAsync();
        });
        using var session = await SignInAsync(workspace);

        var (response, html) = await session.GetAsync($"/responses/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PageSession.Text(html);
        Assert.Contains("How likely are you to recommend", text, StringComparison.Ordinal);
        Assert.Contains("What is the main reason for your score?", text, StringComparison.Ordinal);
        Assert.Contains("ORD-42", text, StringComparison.Ordinal);
        Assert.Contains("1 min 15 s", text, StringComparison.Ordinal);
        Assert.Contains("mobile", text, StringComparison.Ordinal);
        Assert.Contains("source", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Agent</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>loyal</i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Agent&lt;/b&gt; Smith", html, StringComparison.Ordinal);
        var (missing, _) = await session.GetAsync("/responses/999999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task LiveFeed_ResponseCompleted_ArrivesAsAServerSentEvent(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps", "Live NPS")).GetGuid("id");
        using var session = await SignInAsync(workspace);
        var feed = app.Services.GetRequiredService<ResponseFeed>();

        using var stream = await session.Client.GetAsync("/responses/live", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        await Eventually.HoldsAsync(() => Task.FromResult(feed.ListenerCount(workspace.Id) > 0), "the page to listen");
        var id = (await client.SubmitAsync(survey, 8, comment: Hostile)).GetInt64("id");

        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        string? data = null;
        while (data is null)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The feed ended.");
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        var item = JsonDocument.Parse(data).RootElement;
        Assert.Equal(id, item.GetInt64("id"));
        Assert.Equal("Live NPS", item.GetString("surveyName"));
        Assert.Equal(8, item.GetProperty("score").GetInt32());
        Assert.Equal(Hostile, item.GetString("comment"));
    }
}
