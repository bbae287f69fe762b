using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Cli;

/// <summary><c>users create</c> and <c>users reset-password</c>.</summary>
internal static class UserVerbs
{
    public static Command Create(WebApplication app)
    {
        var users = new Command("users", "Create users and reset passwords.");
        var email = new Option<string>("--email") { Description = "The user's email address.", Required = true };
        var password = new Option<string>("--password") { Description = "At least 10 characters.", Required = true };
        var workspace = new Option<string?>("--workspace") { Description = "Workspace name to join; created with the user as owner if absent." };
        var role = new Option<WorkspaceRole>("--role") { Description = "Role in the workspace.", DefaultValueFactory = _ => WorkspaceRole.Admin };

        var create = new Command("create", "Create a user, optionally in a workspace.") { email, password, workspace, role };
        create.SetAction(async (parse, ct) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var manager = services.GetRequiredService<UserManager<User>>();
            var user = new User
            {
                UserName = parse.GetValue(email),
                Email = parse.GetValue(email),
                EmailConfirmed = true,
                DisplayName = parse.GetValue(email)!,
                CreatedAt = DateTime.UtcNow,
            };
            var result = await manager.CreateAsync(user, parse.GetValue(password)!);
            if (!result.Succeeded)
            {
                return Fail(result);
            }

            if (parse.GetValue(workspace) is { } name)
            {
                await JoinAsync(services, user, name, parse.GetValue(role), ct);
            }

            AnsiConsole.MarkupLine($"[green]Created[/] {Markup.Escape(user.Email!)}");
            return 0;
        });

        var reset = new Command("reset-password", "Set a new password for a user and unlock the account.") { email, password };
        reset.SetAction(async (parse, _) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = await manager.FindByEmailAsync(parse.GetValue(email)!);
            if (user is null)
            {
                AnsiConsole.MarkupLine("[red]No user has that email.[/]");
                return 1;
            }

            var token = await manager.GeneratePasswordResetTokenAsync(user);
            var result = await manager.ResetPasswordAsync(user, token, parse.GetValue(password)!);
            if (!result.Succeeded)
            {
                return Fail(result);
            }

            await manager.SetLockoutEndDateAsync(user, null);
            await manager.ResetAccessFailedCountAsync(user);
            AnsiConsole.MarkupLine($"[green]Password reset[/] for {Markup.Escape(user.Email!)}");
            return 0;
        });

        users.Subcommands.Add(create);
        users.Subcommands.Add(reset);
        return users;
    }

    private static async Task JoinAsync(IServiceProvider services, User user, string workspaceName, WorkspaceRole role, CancellationToken ct)
    {
        var db = services.GetRequiredService<TouchpointDbContext>();
        var existing = await db.Workspaces.FirstOrDefaultAsync(w => w.Name == workspaceName, ct);
        if (existing is null)
        {
            await services.GetRequiredService<WorkspaceProvisioner>().CreateAsync(workspaceName, "UTC", user, ct);
            return;
        }

        services.GetRequiredService<WorkspaceScope>().Enter(existing.Id);
        db.Memberships.Add(new Membership { UserId = user.Id, Role = role, CreatedAt = DateTime.UtcNow });
        services.GetRequiredService<AuditLog>().Record("system:cli", "member.added", $"user:{user.Email}", role.ToString());
        await db.SaveChangesAsync(ct);
    }

    private static int Fail(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(error.Description)}[/]");
        }

        return 1;
    }
}
