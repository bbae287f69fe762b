using System.Text;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Web.Cli;

namespace Touchpoint.Tests.Import;

/// <summary>The import and export verbs, run as an operator would: files in, a report and an exit code out.</summary>
public sealed class ImportCliTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ImportCustomers_DryRunThenRealRun_ReportsAndExitsNonZeroOnlyWhenRowsFail(DatabaseProvider provider)
    {
        await using var cli = await Cli.StartAsync(provider);
        var file = cli.File("customers.csv", "externalId,email,plan\nc1,ann@example.test,pro\nc2,not-an-email,free\nc3,cy@example.test,free\n");

        var (dryExit, dryOutput) = await cli.RunAsync("import", "customers", file, "--dry-run");
        var (exportedBefore, _) = await cli.RunAsync("export", "customers", "--format", "csv", "--output", cli.Path("before.csv"));
        var (exit, output) = await cli.RunAsync("import", "customers", file);
        var (rerunExit, rerunOutput) = await cli.RunAsync("import", "customers", cli.File("fixed.csv", "externalId,email\nc1,ann@example.test\n"));

        Assert.Equal(ImportVerbs.RowsFailed, dryExit);
        Assert.Contains("Dry run: nothing was written.", dryOutput, StringComparison.Ordinal);
        Assert.Contains("line 3, email:", dryOutput, StringComparison.Ordinal);
        Assert.Equal(0, exportedBefore);
        Assert.Single(File.ReadAllLines(cli.Path("before.csv")));
        Assert.Equal(ImportVerbs.RowsFailed, exit);
        Assert.Contains("Created:   2", output, StringComparison.Ordinal);
        Assert.Contains("Failed:    1", output, StringComparison.Ordinal);
        Assert.Equal(0, rerunExit);
        Assert.Contains("Unchanged: 1", rerunOutput, StringComparison.Ordinal);
        var (exportExit, _) = await cli.RunAsync("export", "customers", "--format", "csv", "--output", cli.Path("after.csv"));
        Assert.Equal(0, exportExit);
        var lines = File.ReadAllLines(cli.Path("after.csv"));
        Assert.Equal(3, lines.Length);
        Assert.Contains("traits.plan", lines[0], StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ImportCustomers_Latin1File_FailsNamingTheLine_AndWithEncodingLatin1KeepsTheNames(DatabaseProvider provider)
    {
        await using var cli = await Cli.StartAsync(provider);
        var file = cli.File("latin1.csv", Encoding.Latin1.GetBytes("externalId,name\nc1,Ann\nc2,Zoë Müller\n"));

        var (refused, message) = await cli.RunAsync("import", "customers", file);
        var (accepted, _) = await cli.RunAsync("import", "customers", file, "--encoding", "latin1");
        var (_, json) = await cli.RunAsync("export", "customers", "--format", "json", "--output", cli.Path("out.json"));

        Assert.Equal(1, refused);
        Assert.Contains("line 3", message, StringComparison.Ordinal);
        Assert.Contains("--encoding latin1", message, StringComparison.Ordinal);
        Assert.Equal(0, accepted);
        Assert.Contains("\"name\":\"Zoë Müller\"", File.ReadAllText(cli.Path("out.json")), StringComparison.Ordinal);
        Assert.Contains("Exported", json, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ImportEvents_WithMapping_AndExportEvents_RoundTrip(DatabaseProvider provider)
    {
        await using var cli = await Cli.StartAsync(provider);
        var file = cli.File("events.csv", "Customer,What,When,Amount\nc1,Order Completed,2024-03-01T10:00:00Z,42\nc1,Order Completed,not a time,1\n");

        var (exit, output) = await cli.RunAsync("import", "events", file, "--map", "Customer=userId", "--map", "What=event", "--map", "When=timestamp");
        var (rerun, rerunOutput) = await cli.RunAsync("import", "events", file, "--map", "Customer=userId", "--map", "What=event", "--map", "When=timestamp");
        var (exported, _) = await cli.RunAsync("export", "events", "--format", "csv", "--output", cli.Path("events-out.csv"));

        Assert.Equal(ImportVerbs.RowsFailed, exit);
        Assert.Contains("line 3, When:", output, StringComparison.Ordinal);
        Assert.Contains("Customers: 1", output, StringComparison.Ordinal);
        Assert.Equal(ImportVerbs.RowsFailed, rerun);
        Assert.Contains("Unchanged: 1 already imported", rerunOutput, StringComparison.Ordinal);
        Assert.Equal(0, exported);
        var lines = File.ReadAllLines(cli.Path("events-out.csv"));
        Assert.Equal(2, lines.Length);
        Assert.Contains("Order Completed,2024-03-01T10:00:00.0000000Z,import,web", lines[1], StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ImportAndExport_UnknownWorkspaceOrMissingFile_ExitWith1(DatabaseProvider provider)
    {
        await using var cli = await Cli.StartAsync(provider);

        var (noWorkspace, _) = await CliRunner.RunAsync(["import", "customers", cli.File("x.csv", "externalId\nc1\n"), "--workspace", "No Such Co", .. cli.Settings]);
        var (noFile, _) = await cli.RunAsync("import", "customers", cli.Path("missing.csv"));
        var (badFormat, _) = await cli.RunAsync("export", "customers", "--format", "xml");

        Assert.Equal((1, 1, 1), (noWorkspace, noFile, badFormat));
    }

    /// <summary>A migrated database with one workspace, and a scratch folder for files.</summary>
    private sealed class Cli : IAsyncDisposable
    {
        private const string Workspace = "Import Co";
        private readonly TestDatabase _database;
        private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tp_cli_{Guid.NewGuid():N}");

        private Cli(TestDatabase database)
        {
            _database = database;
            Directory.CreateDirectory(_folder);
            Settings = [$"--Touchpoint:Database:Provider={database.Provider}", $"--ConnectionStrings:Touchpoint={database.ConnectionString}"];
        }

        public string[] Settings { get; }

        public static async Task<Cli> StartAsync(DatabaseProvider provider)
        {
            var cli = new Cli(TestDatabase.Create(provider));
            var (migrated, _) = await CliRunner.RunAsync(["migrate", .. cli.Settings]);
            var (created, _) = await CliRunner.RunAsync(["users", "create", "--email", $"ops-{Guid.NewGuid():N}@example.test",
                "--password", "ops-password-123", "--workspace", Workspace, .. cli.Settings]);
            Assert.Equal((0, 0), (migrated, created));
            return cli;
        }

        /// <summary>Runs a verb in the workspace.</summary>
        public Task<(int Exit, string Output)> RunAsync(params string[] args) =>
            CliRunner.RunAsync([.. args, "--workspace", Workspace, .. Settings]);

        public string Path(string name) => System.IO.Path.Combine(_folder, name);

        public string File(string name, string text) => File(name, Encoding.UTF8.GetBytes(text));

        public string File(string name, byte[] bytes)
        {
            System.IO.File.WriteAllBytes(Path(name), bytes);
            return Path(name);
        }

        public async ValueTask DisposeAsync()
        {
            await _database.DropAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
