using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Touchpoint.Core.Customers.Export;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Cli;

/// <summary><c>export customers</c> and <c>export events</c>: CSV or JSON, to a file or to standard output.</summary>
internal static class ExportVerbs
{
    public static Command Create(WebApplication app)
    {
        var export = new Command("export", "Export customers or events as CSV or JSON.");
        var workspace = new Option<string>("--workspace") { Description = "Workspace name (or id).", Required = true };
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        var output = new Option<FileInfo?>("--output") { Description = "File to write; standard output when omitted." };
        var segment = new Option<Guid?>("--segment") { Description = "Only the members of this segment (its id)." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Events from this instant (inclusive), ISO 8601." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Events before this instant, ISO 8601." };

        var customers = new Command("customers", "Export customers: one column per field and per trait (CSV), or a JSON array.")
            { workspace, format, output, segment };
        customers.SetAction((parse, ct) => RunAsync(app, parse.GetValue(workspace)!, parse.GetValue(format)!, parse.GetValue(output), async services =>
        {
            var seg = parse.GetValue(segment);
            if (seg is { } id && !await services.GetRequiredService<TouchpointDbContext>().Segments.AnyAsync(s => s.Id == id, ct))
            {
                return $"No segment with id {id} in this workspace.";
            }

            services.GetRequiredService<AuditLog>().Record("system:cli", "customers.exported", seg is { } s ? $"segment:{s}" : "customers",
                parse.GetValue(format));
            return null;
        }, (services, writer, stream) => writer is not null
            ? services.GetRequiredService<CustomerExporter>().WriteCsvAsync(writer, parse.GetValue(segment), ct)
            : services.GetRequiredService<CustomerExporter>().WriteJsonAsync(stream!, parse.GetValue(segment), ct), ct));

        var events = new Command("events", "Export events, oldest first, as CSV or a JSON array.") { workspace, format, output, from, to };
        events.SetAction((parse, ct) => RunAsync(app, parse.GetValue(workspace)!, parse.GetValue(format)!, parse.GetValue(output), services =>
        {
            services.GetRequiredService<AuditLog>().Record("system:cli", "events.exported", "events", parse.GetValue(format));
            return Task.FromResult<string?>(null);
        }, (services, writer, stream) =>
        {
            var (start, end) = (parse.GetValue(from)?.UtcDateTime, parse.GetValue(to)?.UtcDateTime);
            return writer is not null
                ? services.GetRequiredService<EventExporter>().WriteCsvAsync(writer, start, end, ct)
                : services.GetRequiredService<EventExporter>().WriteJsonAsync(stream!, start, end, ct);
        }, ct));

        export.Subcommands.Add(customers);
        export.Subcommands.Add(events);
        return export;
    }

    /// <summary>Checks, writes the audit entry, then streams: CSV through a text writer, JSON straight to the stream.</summary>
    private static async Task<int> RunAsync(WebApplication app, string workspace, string format, FileInfo? output,
        Func<IServiceProvider, Task<string?>> check, Func<IServiceProvider, TextWriter?, Stream?, Task> write, CancellationToken ct)
    {
        format = format.ToLowerInvariant();
        if (format is not ("csv" or "json"))
        {
            AnsiConsole.MarkupLine("[red]Use --format csv or --format json.[/]");
            return 1;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (!await CliWorkspace.EnterAsync(services, workspace, ct))
        {
            return 1;
        }

        if (await check(services) is { } problem)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
            return 1;
        }

        await services.GetRequiredService<TouchpointDbContext>().SaveChangesAsync(ct);
        await using var stream = output is null ? Console.OpenStandardOutput() : output.Create();
        if (format == "csv")
        {
            // Standard output goes through Console.Out, so whatever captures the console sees the data.
            var writer = output is null ? Console.Out : new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            await write(services, writer, null);
            await writer.FlushAsync(ct);
            if (output is not null)
            {
                await writer.DisposeAsync();
            }
        }
        else
        {
            await write(services, null, stream);
        }

        if (output is not null)
        {
            await stream.FlushAsync(ct);
            output.Refresh();
            AnsiConsole.MarkupLine($"[green]Exported[/] {format.ToUpperInvariant()} to {Markup.Escape(output.FullName)} " +
                $"({output.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes).");
        }

        return 0;
    }
}
