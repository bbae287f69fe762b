using System.Collections.Concurrent;
using Touchpoint.Core.Data;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// One running app per provider, started on first use and shared by the tests that use the fixture.
/// Tests stay apart by creating their own workspace (<see cref="TestWorkspace"/>). Subclasses change
/// settings for a group of tests (low rate limits, an SMTP server, bootstrap keys).
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<TouchpointFactory>> _apps = new();

    public TouchpointFactory App(DatabaseProvider provider) =>
        _apps.GetOrAdd(provider, p => new Lazy<TouchpointFactory>(() => Start(new TouchpointFactory(p, Settings(p))))).Value;

    /// <summary>Settings on top of <see cref="TouchpointFactory"/>'s defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) => new Dictionary<string, string?>();

    /// <summary>Starts the host now, so a failing start is reported by the test that asked for it.</summary>
    internal static TouchpointFactory Start(TouchpointFactory factory)
    {
        _ = factory.Server;
        return factory;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await app.Value.DisposeAsync();
        }
    }
}
