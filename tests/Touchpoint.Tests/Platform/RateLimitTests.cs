using System.Net;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Platform;

/// <summary>Anonymous pages are rate limited per client: past the limit, 429 ProblemDetails with Retry-After.</summary>
public sealed class RateLimitTests(RateLimitTests.Fixture fixture) : IClassFixture<RateLimitTests.Fixture>
{
    public const int Limit = 3;

    /// <summary>Apps with a limit of three requests a minute on public and account pages.</summary>
    public sealed class Fixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) => new Dictionary<string, string?>
        {
            ["Touchpoint:Limits:PublicRequestsPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Touchpoint:Limits:AccountRequestsPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PublicSurveyPost_OverTheLimit_Returns429ProblemWithRetryAfter(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var api = workspace.Client();
        var url = new Uri((await api.CreateSurveyAsync()).GetString("publicUrl")!).PathAndQuery;
        using var visitor = new PageSession(app);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < Limit * 3 && limited is null; i++)
        {
            var (response, _) = await visitor.PostAsync(url, Form(("Score", "10")));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 429 must say when to try again.");
        Assert.All(statuses.Take(statuses.Count - 1), s => Assert.Equal(HttpStatusCode.Redirect, s));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SignIn_OverTheLimit_Returns429ProblemWithRetryAfter(DatabaseProvider provider)
    {
        using var visitor = new PageSession(fixture.App(provider));

        HttpResponseMessage? limited = null;
        for (var i = 0; i < Limit * 3 && limited is null; i++)
        {
            var (response, _) = await visitor.PostAsync("/signin", Form(("Email", "guess@example.test"), ("Password", $"guess-{i}")));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 429 must say when to try again.");
    }
}
