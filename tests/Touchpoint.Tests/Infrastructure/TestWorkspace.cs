using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// A workspace of one test: its owner, and a full-scope REST key. Created through the app's own
/// services, so tests never see each other's data.
/// </summary>
public sealed class TestWorkspace
{
    public const string Password = "correct-horse-battery-9";

    private TestWorkspace(TouchpointFactory app, Workspace workspace, User owner, string apiKey)
    {
        App = app;
        Workspace = workspace;
        Owner = owner;
        ApiKey = apiKey;
    }

    public TouchpointFactory App { get; }
    public Workspace Workspace { get; }
    public Guid Id => Workspace.Id;
    public User Owner { get; }
    /// <summary>A REST key with every scope (read, write, admin).</summary>
    public string ApiKey { get; }

    public static async Task<TestWorkspace> CreateAsync(TouchpointFactory app, string timeZone = "UTC",
        DayOfWeek weekStart = DayOfWeek.Monday)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var owner = await CreateUserAsync(services, $"owner-{Guid.NewGuid():N}@example.test");
        var workspace = await services.GetRequiredService<WorkspaceProvisioner>()
            .CreateAsync($"Test {Guid.NewGuid():N}", timeZone, owner);
        if (weekStart != workspace.WeekStart)
        {
            workspace.WeekStart = weekStart;
            await services.GetRequiredService<TouchpointDbContext>().SaveChangesAsync();
        }

        var key = await services.GetRequiredService<ApiKeyService>()
            .CreateAsync("Test key", ApiKeyKind.Rest, ApiScopes.All, "system");
        return new TestWorkspace(app, workspace, owner, key.PlainKey);
    }

    /// <summary>An HttpClient for the REST API that sends this workspace's full key.</summary>
    public HttpClient Client() => ClientWithKey(ApiKey);

    public HttpClient ClientWithKey(string? key)
    {
        var client = App.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates another key in this workspace; returns the key's id and its plain text.</summary>
    public Task<ApiKeyService.CreatedKey> CreateKeyAsync(ApiKeyKind kind, params string[] scopes) =>
        InWorkspaceAsync(services => services.GetRequiredService<ApiKeyService>().CreateAsync("Test key", kind, scopes, "system"));

    /// <summary>A new user with <see cref="Password"/> who holds <paramref name="role"/> here.</summary>
    public Task<User> AddMemberAsync(WorkspaceRole role) =>
        InWorkspaceAsync(async services =>
        {
            var user = await CreateUserAsync(services, $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.test");
            var db = services.GetRequiredService<TouchpointDbContext>();
            db.Memberships.Add(new Membership { UserId = user.Id, Role = role, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return user;
        });

    /// <summary>Runs <paramref name="work"/> in a service scope that acts in this workspace.</summary>
    public async Task<T> InWorkspaceAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(Id);
        return await work(scope.ServiceProvider);
    }

    public Task InWorkspaceAsync(Func<IServiceProvider, Task> work) =>
        InWorkspaceAsync(async services =>
        {
            await work(services);
            return true;
        });

    /// <summary>Reads this workspace's rows straight from the database, bypassing the API.</summary>
    public Task<T> QueryAsync<T>(Func<TouchpointDbContext, Task<T>> query) =>
        InWorkspaceAsync(services => query(services.GetRequiredService<TouchpointDbContext>()));

    public static async Task<User> CreateUserAsync(IServiceProvider services, string email, string password = Password)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        var user = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = email.Split('@')[0],
            CreatedAt = DateTime.UtcNow,
        };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }
}
