using System.Collections.Concurrent;
using Touchpoint.Core.Data;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// One running app per provider, started on first use and shared by every test in
/// <see cref="AppCollection"/>. Tests stay apart by creating their own workspace (<see cref="TestWorkspace"/>).
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<TouchpointFactory>> _apps = new();

    public TouchpointFactory App(DatabaseProvider provider) =>
        _apps.GetOrAdd(provider, p => new Lazy<TouchpointFactory>(() => Start(new TouchpointFactory(p)))).Value;

    /// <summary>Starts the host now, so a failing start is reported by the test that asked for it.</summary>
    internal static TouchpointFactory Start(TouchpointFactory factory)
    {
        _ = factory.Server;
        return factory;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await app.Value.DisposeAsync();
        }
    }
}

/// <summary>Tests that share <see cref="AppFixture"/>'s hosts.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
