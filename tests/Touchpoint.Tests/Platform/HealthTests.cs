using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform;

[Collection(AppCollection.Name)]
public sealed class HealthTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Healthz_Running_Returns200(DatabaseProvider provider)
    {
        using var client = fixture.App(provider).CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Readyz_DatabaseAnswers_Returns200(DatabaseProvider provider)
    {
        using var client = fixture.App(provider).CreateClient();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OpenApiDocument_Requested_ListsResponsesResource(DatabaseProvider provider)
    {
        using var client = fixture.App(provider).CreateClient();

        var document = await client.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/responses", out var responses), "The OpenAPI document must list /api/v1/responses.");
        Assert.True(responses.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/v1/surveys/{id}/responses", out _));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Factory_Started_UsesTheTestDatabaseOfItsProvider(DatabaseProvider provider)
    {
        var app = fixture.App(provider);

        var workspace = await TestWorkspace.CreateAsync(app);
        var providerName = await workspace.QueryAsync(db => Task.FromResult(db.Database.ProviderName));
        var connection = await workspace.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()));

        Assert.Contains(provider == DatabaseProvider.Sqlite ? "Sqlite" : "Npgsql", providerName, StringComparison.Ordinal);
        Assert.Contains(app.Database.Name, connection, StringComparison.Ordinal);
    }
}
