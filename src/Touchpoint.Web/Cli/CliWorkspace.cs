using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Cli;

/// <summary>Finds the workspace a verb acts in, by name or id, and enters it for the scope's data context.</summary>
internal static class CliWorkspace
{
    public static async Task<bool> EnterAsync(IServiceProvider services, string workspace, CancellationToken ct)
    {
        var db = services.GetRequiredService<TouchpointDbContext>();
        var found = Guid.TryParse(workspace, out var id)
            ? await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct)
            : await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Name == workspace, ct);
        if (found is null)
        {
            AnsiConsole.MarkupLine($"[red]No workspace named '{Markup.Escape(workspace)}'.[/]");
            return false;
        }

        services.GetRequiredService<WorkspaceScope>().Enter(found.Id);
        return true;
    }
}
