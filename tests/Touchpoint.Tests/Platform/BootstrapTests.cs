using System.Net;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform;

/// <summary>Touchpoint:Bootstrap settings give scripts an admin, a workspace and a working key at first start.</summary>
public sealed class BootstrapTests(BootstrapTests.Fixture fixture) : IClassFixture<BootstrapTests.Fixture>
{
    public const string AdminEmail = "bootstrap-admin@example.test";
    public const string AdminPassword = "bootstrap-password-1";
    public const string ApiKey = "tp_key_bootstrap_for_tests_0123456789";

    /// <summary>Apps started with an admin, a workspace name and a REST key in configuration.</summary>
    public sealed class Fixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) => new Dictionary<string, string?>
        {
            ["Touchpoint:Bootstrap:AdminEmail"] = AdminEmail,
            ["Touchpoint:Bootstrap:AdminPassword"] = AdminPassword,
            ["Touchpoint:Bootstrap:WorkspaceName"] = "Bootstrapped Co",
            ["Touchpoint:Bootstrap:ApiKey"] = ApiKey,
        };
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BootstrapApiKey_FirstStart_WorksOnTheApiAtOnce(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);

        var created = await client.CreateSurveyAsync(name: "Made by a script");
        var journeys = await client.GetJsonAsync("/api/v1/journeys");

        Assert.Equal("How likely are you to recommend Bootstrapped Co to a friend or colleague?", created.GetString("question"));
        Assert.True(journeys.GetProperty("items").GetArrayLength() > 0, "A bootstrapped workspace has the default journey.");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BootstrapAdmin_FirstStart_CanSignInToTheDashboard(DatabaseProvider provider)
    {
        using var session = new PageSession(fixture.App(provider));

        var signedIn = await session.SignInAsync(AdminEmail, AdminPassword);
        var (dashboard, html) = await session.GetAsync("/");

        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Bootstrapped Co", PageSession.Text(html), StringComparison.Ordinal);
    }
}
