using System.CommandLine;
using Spectre.Console;
using Touchpoint.Core.Customers.Import;

namespace Touchpoint.Web.Cli;

/// <summary>
/// <c>import customers &lt;file&gt;</c> and <c>import events &lt;file&gt;</c>. Exit codes: 0 when every row
/// was imported, 2 when some rows failed (the others are imported), 1 when nothing could be done.
/// </summary>
internal static class ImportVerbs
{
    public const int RowsFailed = 2;
    private const int ErrorsShown = 20;

    public static Command Create(WebApplication app)
    {
        var import = new Command("import", "Import customers or historical events from a CSV file.");
        import.Subcommands.Add(Kind(app, "customers", "Create or update customers (by externalId, else email) from a CSV file.",
            (services, file, options, progress, ct) => services.GetRequiredService<CustomerImporter>().ImportAsync(file, options, progress, ct)));
        import.Subcommands.Add(Kind(app, "events", "Import historical events (userId or email, event, timestamp) from a CSV file.",
            (services, file, options, progress, ct) => services.GetRequiredService<EventImporter>().ImportAsync(file, options, progress, ct)));
        return import;
    }

    private delegate Task<ImportReport> Importer(IServiceProvider services, Stream file, ImportOptions options, IProgress<long> progress,
        CancellationToken ct);

    private static Command Kind(WebApplication app, string name, string description, Importer run)
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file; its first line names the columns." };
        var workspace = new Option<string>("--workspace") { Description = "Workspace name (or id).", Required = true };
        var map = new Option<string[]>("--map")
        {
            Description = "column=field, repeatable: a field name, trait:<key> (customers), property:<key> (events) or ignore.",
            AllowMultipleArgumentsPerToken = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report; write nothing." };
        var encoding = new Option<string?>("--encoding") { Description = $"The file's encoding: {ImportEncodings.Names} (default utf-8)." };
        var command = new Command(name, description) { file, workspace, map, dryRun, encoding };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                AnsiConsole.MarkupLine($"[red]No file at {Markup.Escape(path.FullName)}.[/]");
                return 1;
            }

            await using var scope = app.Services.CreateAsyncScope();
            if (!await CliWorkspace.EnterAsync(scope.ServiceProvider, parse.GetValue(workspace)!, ct))
            {
                return 1;
            }

            var options = new ImportOptions(parse.GetValue(dryRun), parse.GetValue(map) ?? [], parse.GetValue(encoding), "system:cli");
            ImportReport? report = null;
            try
            {
                await using var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask($"{(options.DryRun ? "Checking" : "Importing")} {Markup.Escape(path.Name)}",
                        maxValue: Math.Max(1, stream.Length));
                    report = await run(scope.ServiceProvider, stream, options, new Progress<long>(bytes => task.Value = bytes), ct);
                    task.Value = task.MaxValue;
                });
            }
            catch (ImportFileException unusable)
            {
                Console.Out.WriteLine($"This file cannot be imported ({unusable.Field}): {unusable.Message}");
                return 1;
            }

            Print(report!);
            return report!.Failed > 0 ? RowsFailed : 0;
        });
        return command;
    }

    // Plain console lines, not the console library's: those wrap at the terminal width, and scripts grep this report.
    private static void Print(ImportReport report)
    {
        var verb = report.DryRun ? "would be " : "";
        Console.Out.WriteLine(report.DryRun ? "Dry run: nothing was written." : "Import finished.");
        Console.Out.WriteLine($"Rows read: {report.RowsRead}");
        Console.Out.WriteLine($"Created:   {report.Created} {verb}created");
        if (report.Kind == "customers")
        {
            Console.Out.WriteLine($"Updated:   {report.Updated} {verb}updated");
        }

        Console.Out.WriteLine($"Unchanged: {report.Unchanged} {(report.Kind == "events" ? "already imported" : "unchanged")}");
        if (report.CustomersCreated is { } customers)
        {
            Console.Out.WriteLine($"Customers: {customers} {verb}created for events of unknown customers");
        }

        Console.Out.WriteLine($"Failed:    {report.Failed}");
        foreach (var error in report.Errors.Take(ErrorsShown))
        {
            Console.Out.WriteLine($"  line {error.Line}, {error.Column}: {error.Message}");
        }

        var more = report.Errors.Count - Math.Min(ErrorsShown, report.Errors.Count) + report.ErrorsNotShown;
        if (more > 0)
        {
            Console.Out.WriteLine($"  ... and {more} more problems.");
        }
    }
}
