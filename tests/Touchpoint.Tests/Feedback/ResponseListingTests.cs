using System.Globalization;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Feedback;

/// <summary>GET /api/v1/responses filters by time as [from, to), lists newest first and pages without loss.</summary>
[Collection(AppCollection.Name)]
public sealed class ResponseListingTests(AppFixture fixture)
{
    private static readonly DateTime Day0 = new(2025, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    // Answers spread over eight days, sent in an order that is not the order they were given in (a back-fill).
    private static readonly DateTime[] Answered =
    [
        Day0.AddDays(3).AddHours(9),
        Day0.AddDays(-1).AddHours(23).AddMinutes(59),
        Day0.AddDays(6),                               // exactly 'to': excluded
        Day0,                                          // exactly 'from': included
        Day0.AddDays(5).AddHours(23).AddMinutes(59).AddSeconds(59).AddMilliseconds(999),
        Day0.AddDays(1).AddHours(12),
        Day0.AddDays(7),
        Day0.AddDays(4).AddHours(8),
        Day0.AddDays(1).AddHours(6),
        Day0.AddDays(2),
    ];

    private static readonly DateTime From = Day0;
    private static readonly DateTime To = Day0.AddDays(6);

    private async Task<(HttpClient Client, Dictionary<long, DateTime> Ids)> ArrangeAsync(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var ids = new Dictionary<long, DateTime>();
        foreach (var at in Answered)
        {
            ids[(await client.SubmitAsync(survey, 8, at)).GetInt64("id")] = at;
        }

        return (client, ids);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_FromAndTo_ReturnsExactlyThoseInTheHalfOpenRangeNewestFirst(DatabaseProvider provider)
    {
        var (client, ids) = await ArrangeAsync(provider);
        var expected = ids.Where(p => p.Value >= From && p.Value < To).OrderByDescending(p => p.Value).Select(p => p.Key).ToList();

        var page = await client.GetJsonAsync($"/api/v1/responses?from={Api.Query(From)}&to={Api.Query(To)}");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, items.Select(r => r.GetInt64("id")));
        Assert.Equal(expected.Select(id => ids[id]), items.Select(r => r.GetProperty("submittedAt").GetDateTime().ToUniversalTime()));
        Assert.True(page.IsNull("next"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_FromWithAnOffset_MeansTheSameInstant(DatabaseProvider provider)
    {
        var (client, ids) = await ArrangeAsync(provider);
        // 02:00 at +02:00 is midnight UTC: the answer given exactly then is included, the one a minute before is not.
        var from = Uri.EscapeDataString(From.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "+02:00");

        var page = await client.GetJsonAsync($"/api/v1/responses?from={from}&to={Api.Query(To)}");

        var times = page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("submittedAt").GetDateTime().ToUniversalTime()).ToList();
        Assert.Contains(From, times);
        Assert.DoesNotContain(From.AddMinutes(-1), times);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_PagedByThree_WalksEveryResponseOnceInOrder(DatabaseProvider provider)
    {
        var (client, ids) = await ArrangeAsync(provider);
        var expected = ids.OrderByDescending(p => p.Value).Select(p => p.Key).ToList();

        var seen = new List<long>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var url = "/api/v1/responses?limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await client.GetJsonAsync(url);
            var items = page.GetProperty("items").EnumerateArray().Select(r => r.GetInt64("id")).ToList();
            Assert.InRange(items.Count, 1, 3);
            seen.AddRange(items);
            cursor = page.GetString("next");
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(4, pages);
        Assert.Equal(expected, seen);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_PagedWithinATimeRange_StaysInsideTheRange(DatabaseProvider provider)
    {
        var (client, ids) = await ArrangeAsync(provider);
        var expected = ids.Where(p => p.Value >= From && p.Value < To).OrderByDescending(p => p.Value).Select(p => p.Key).ToList();
        var range = $"from={Api.Query(From)}&to={Api.Query(To)}";

        var seen = new List<long>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await client.GetJsonAsync($"/api/v1/responses?{range}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetInt64("id")));
            cursor = page.GetString("next");
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(expected, seen);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_ManyAnsweredAtTheSameInstant_PagesThroughEachOnce(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.SubmitAsync(survey, i, Day0)).GetInt64("id"));
        }

        var seen = new List<long>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await client.GetJsonAsync("/api/v1/responses?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetInt64("id")));
            cursor = page.GetString("next");
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(ids.OrderDescending(), seen);
    }
}
