using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;
using Touchpoint.Core.Demo;

namespace Touchpoint.Web.Platform;

/// <summary>What runs before the host serves: migrations, bootstrap settings, the demo workspace.</summary>
internal static class StartupTasks
{
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        await db.Database.MigrateAsync(ct);
    }

    public static async Task PrepareAsync(this WebApplication app, CancellationToken ct = default)
    {
        if (app.Configuration.GetValue("Touchpoint:Database:MigrateOnStart", true))
        {
            await app.Services.MigrateAsync(ct);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Bootstrapper>().RunAsync(ct);
        }

        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Seed)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(demo, ct: ct);
            if (seeded.Created)
            {
                app.Logger.LogInformation("Seeded the demo workspace {Workspace}", seeded.Workspace.Name);
            }
        }

        bool hasUsers;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            hasUsers = await scope.ServiceProvider.GetRequiredService<TouchpointDbContext>().Users.AnyAsync(ct);
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, demo, hasUsers));
    }

    private static void PrintWelcome(WebApplication app, DemoOptions demo, bool hasUsers)
    {
        var url = app.Urls.FirstOrDefault() ?? "http://localhost:5000";
        Console.WriteLine();
        Console.WriteLine($"  Touchpoint is running at {url}");
        if (!hasUsers)
        {
            Console.WriteLine($"  No account exists yet: open {url}/setup to create the first one.");
        }
        else if (demo.Seed)
        {
            Console.WriteLine($"  Sign in with {demo.AdminEmail} / {demo.AdminPassword}");
        }

        Console.WriteLine();
    }
}
