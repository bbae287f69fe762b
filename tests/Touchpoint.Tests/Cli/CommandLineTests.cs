using System.Net;
using System.Text.RegularExpressions;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cli;

/// <summary>The executable's verbs set up a database an operator can then serve and call.</summary>
public sealed partial class CommandLineTests
{
    /// <summary>Console output is process-wide: one verb at a time.</summary>
    private static readonly SemaphoreSlim ConsoleGate = new(1, 1);

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
            var (migrated, _) = await RunAsync(["migrate", .. settings]);
            var (created, _) = await RunAsync(["users", "create", "--email", "ops@example.test", "--password", "ops-password-123",
                "--workspace", "CLI Co", .. settings]);
            var (keyed, output) = await RunAsync(["keys", "create", "--workspace", "CLI Co", "--name", "Dashboards", "--scope", "read", .. settings]);
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
            await RunAsync(["migrate", .. settings]);

            var (exit, output) = await RunAsync(["keys", "create", "--workspace", "No Such Co", .. settings]);

            Assert.Equal(1, exit);
            Assert.DoesNotMatch(RestKey(), output);
        }
        finally
        {
            await database.DropAsync();
        }
    }

    /// <summary>Runs the Touchpoint executable's entry point in-process; returns its exit code and what it printed.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(string[] args)
    {
        await ConsoleGate.WaitAsync();
        try
        {
            var capture = ConsoleCapture.Install();
            capture.Start();
            var main = typeof(Program).Assembly.EntryPoint ?? throw new InvalidOperationException("Touchpoint.Web has no entry point.");
            // The compiled entry point blocks on the async Main; keep it off the test's thread.
            var exit = await Task.Run(() => (int)main.Invoke(null, [args])!);
            return (exit, capture.Stop());
        }
        finally
        {
            ConsoleGate.Release();
        }
    }

    /// <summary>
    /// Console.Out for the rest of the test run: forwards everything, and records while a verb runs.
    /// Never disposed, because the CLI's console library keeps the writer it first saw.
    /// </summary>
    private sealed class ConsoleCapture(TextWriter original) : TextWriter
    {
        private static ConsoleCapture? _installed;
        private readonly System.Text.StringBuilder _recorded = new();
        private bool _recording;

        public override System.Text.Encoding Encoding => original.Encoding;

        public static ConsoleCapture Install()
        {
            if (_installed is null)
            {
                _installed = new ConsoleCapture(Console.Out);
                Console.SetOut(_installed);
            }

            return _installed;
        }

        public void Start()
        {
            lock (_recorded)
            {
                _recorded.Clear();
                _recording = true;
            }
        }

        public string Stop()
        {
            lock (_recorded)
            {
                _recording = false;
                return _recorded.ToString();
            }
        }

        public override void Write(char value)
        {
            lock (_recorded)
            {
                if (_recording)
                {
                    _recorded.Append(value);
                }
            }

            original.Write(value);
        }

        public override void Write(string? value)
        {
            lock (_recorded)
            {
                if (_recording)
                {
                    _recorded.Append(value);
                }
            }

            original.Write(value);
        }
    }

    [GeneratedRegex(@"tp_key_[A-Za-z0-9_-]{20,}")]
    private static partial Regex RestKey();
}
