using System.Net;
using System.Text.RegularExpressions;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cli;

/// <summary>The executable's verbs set up a database an operator can then serve and call.</summary>
public sealed partial class CommandLineTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task UsersAndKeysCreate_OnAFreshDatabase_GiveAnAdminAndAReadKeyThatWorkOnTheServedApp(DatabaseProvider provider)
    {
        var database = TestDatabase.Create(provider);
        string[] settings =
        [
            $"--Touchpoint:Database:Provider={provider}",
            $"--ConnectionStrings:Touchpoint={database.ConnectionString}",
        ];
        try
        {
            var (migrated, _) = await CliRunner.RunAsync(["migrate", .. settings]);
            var (created, _) = await CliRunner.RunAsync(["users", "create", "--email", "ops@example.test", "--password", "ops-password-123",
                "--workspace", "CLI Co", .. settings]);
            var (keyed, output) = await CliRunner.RunAsync(["keys", "create", "--workspace", "CLI Co", "--name", "Dashboards", "--scope", "read", .. settings]);
            var key = RestKey().Match(output).Value;

            Assert.Equal(0, migrated);
            Assert.Equal(0, created);
            Assert.Equal(0, keyed);
            Assert.NotEmpty(key);

            await using var app = new TouchpointFactory(provider, new Dictionary<string, string?>
            {
                ["ConnectionStrings:Touchpoint"] = database.ConnectionString,
            });
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var read = await client.GetAsync("/api/v1/surveys");
            using var write = await client.PostAsync("/api/v1/surveys", Api.Json("""{ "name": "Not allowed", "metric": "nps" }"""));
            using var session = new PageSession(app);
            var signedIn = await session.SignInAsync("ops@example.test", "ops-password-123");

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        }
        finally
        {
            await database.DropAsync();
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task KeysCreate_UnknownWorkspace_FailsWithExitCode1(DatabaseProvider provider)
    {
        var database = TestDatabase.Create(provider);
        try
        {
            string[] settings = [$"--Touchpoint:Database:Provider={provider}", $"--ConnectionStrings:Touchpoint={database.ConnectionString}"];
            await CliRunner.RunAsync(["migrate", .. settings]);

            var (exit, output) = await CliRunner.RunAsync(["keys", "create", "--workspace", "No Such Co", .. settings]);

            Assert.Equal(1, exit);
            Assert.DoesNotMatch(RestKey(), output);
        }
        finally
        {
            await database.DropAsync();
        }
    }

    [GeneratedRegex(@"tp_key_[A-Za-z0-9_-]{20,}")]
    private static partial Regex RestKey();
}
