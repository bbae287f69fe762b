using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Web.Cli;

/// <summary><c>keys create</c> and <c>keys revoke</c>.</summary>
internal static class KeyVerbs
{
    public static Command Create(WebApplication app)
    {
        var keys = new Command("keys", "Create and revoke API keys.");
        var workspace = new Option<string>("--workspace") { Description = "Workspace name.", Required = true };
        var name = new Option<string>("--name") { Description = "What the key is for.", DefaultValueFactory = _ => "CLI key" };
        var kind = new Option<ApiKeyKind>("--kind") { Description = "Rest (REST API) or Write (tracking only).", DefaultValueFactory = _ => ApiKeyKind.Rest };
        var scopes = new Option<string[]>("--scope") { Description = "read, write, admin (repeat); all when omitted.", AllowMultipleArgumentsPerToken = true };
        var source = new Option<string>("--source") { Description = "For a write key: where its events come from: web (default), app, store or sensor." };

        var create = new Command("create", "Create a key; it is printed once.") { workspace, name, kind, scopes, source };
        create.SetAction(async (parse, ct) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (!await EnterAsync(scope.ServiceProvider, parse.GetValue(workspace)!, ct))
            {
                return 1;
            }

            var requested = parse.GetValue(scopes) is { Length: > 0 } given ? given : ApiScopes.All.ToArray();
            if (requested.FirstOrDefault(s => !ApiScopes.IsKnown(s)) is { } unknown)
            {
                AnsiConsole.MarkupLine($"[red]Unknown scope '{Markup.Escape(unknown)}'. Use read, write or admin.[/]");
                return 1;
            }

            TrackingSource? trackingSource = null;
            if (parse.GetValue(source) is { } sourceName)
            {
                if (parse.GetValue(kind) != ApiKeyKind.Write)
                {
                    AnsiConsole.MarkupLine("[red]--source is for write keys: add --kind write.[/]");
                    return 1;
                }

                if (!Enum.TryParse<TrackingSource>(sourceName, ignoreCase: true, out var parsed) || int.TryParse(sourceName, out _)
                    || !TrackingChannels.WriteKeySources.Contains(parsed))
                {
                    AnsiConsole.MarkupLine($"[red]Unknown source '{Markup.Escape(sourceName)}'. Use web, app, store or sensor.[/]");
                    return 1;
                }

                trackingSource = parsed;
            }

            var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
                .CreateAsync(parse.GetValue(name)!, parse.GetValue(kind), requested, "system:cli", source: trackingSource, ct: ct);
            var what = created.Key.Source is { } keySource ? $" (write key for the {keySource.ToString().ToLowerInvariant()} source)" : "";
            AnsiConsole.MarkupLine($"[green]Created[/] {created.Key.Id}{what}. Copy the key now; it is not shown again:");
            Console.WriteLine(created.PlainKey);
            return 0;
        });

        var id = new Option<Guid>("--id") { Description = "The key's id.", Required = true };
        var revoke = new Command("revoke", "Revoke a key; calls with it fail at once.") { workspace, id };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (!await EnterAsync(scope.ServiceProvider, parse.GetValue(workspace)!, ct))
            {
                return 1;
            }

            var revoked = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(parse.GetValue(id), "system:cli", ct);
            AnsiConsole.MarkupLine(revoked ? "[green]Revoked.[/]" : "[red]No active key with that id in this workspace.[/]");
            return revoked ? 0 : 1;
        });

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(revoke);
        return keys;
    }

    private static async Task<bool> EnterAsync(IServiceProvider services, string workspaceName, CancellationToken ct)
    {
        var db = services.GetRequiredService<TouchpointDbContext>();
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Name == workspaceName, ct);
        if (workspace is null)
        {
            AnsiConsole.MarkupLine($"[red]No workspace named '{Markup.Escape(workspaceName)}'.[/]");
            return false;
        }

        services.GetRequiredService<WorkspaceScope>().Enter(workspace.Id);
        return true;
    }
}
