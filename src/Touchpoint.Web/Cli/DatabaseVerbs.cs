using System.CommandLine;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Touchpoint.Core.Demo;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cli;

/// <summary><c>migrate</c> and <c>seed-demo</c>.</summary>
internal static class DatabaseVerbs
{
    public static Command Migrate(WebApplication app)
    {
        var command = new Command("migrate", "Create the database or upgrade it to the latest schema.");
        command.SetAction(async (_, ct) =>
        {
            await AnsiConsole.Status().StartAsync("Applying migrations...", _ => app.Services.MigrateAsync(ct));
            AnsiConsole.MarkupLine("[green]Database is up to date.[/]");
            return 0;
        });
        return command;
    }

    public static Command SeedDemo(WebApplication app)
    {
        var command = new Command("seed-demo", "Create the demo workspace (Northwind Outfitters) if it does not exist.");
        command.SetAction(async (_, ct) =>
        {
            await app.Services.MigrateAsync(ct);
            await using var scope = app.Services.CreateAsyncScope();
            var options = scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            DemoSeeder.Seeded? seeded = null;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Seeding the demo workspace", maxValue: 6);
                seeded = await seeder.SeedAsync(options, new Progress<string>(step =>
                {
                    task.Description = step;
                    task.Increment(1);
                }), ct);
                task.Value = task.MaxValue;
            });
            AnsiConsole.MarkupLine(seeded!.Created
                ? $"[green]Demo workspace created.[/] Sign in with {Markup.Escape(options.AdminEmail)} / {Markup.Escape(options.AdminPassword)}"
                : "The demo workspace already exists; nothing changed.");
            return 0;
        });
        return command;
    }
}
