using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform.Backplane;

/// <summary>
/// Two nodes of one deployment on one PostgreSQL database (each its own host: hub connections,
/// feeds, background services), started on first use so the PostgreSQL-less run never builds them.
/// </summary>
public sealed class TwoNodesFixture : IAsyncLifetime
{
    /// <summary>Several nodes are a deliberate deployment: the backplane is switched on for them.</summary>
    private static readonly Dictionary<string, string?> SeveralNodes = new() { ["Touchpoint:Backplane:Enabled"] = "true" };

    private readonly Lazy<(TouchpointFactory A, TouchpointFactory B)> _nodes = new(() =>
    {
        var a = AppFixture.Start(new TouchpointFactory(DatabaseProvider.Postgres, SeveralNodes));
        return (a, AppFixture.Start(new TouchpointFactory(a, SeveralNodes)));
    });

    /// <summary>The node that stores things in the tests.</summary>
    public TouchpointFactory A => _nodes.Value.A;

    /// <summary>The node whose clients must hear about them.</summary>
    public TouchpointFactory B => _nodes.Value.B;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_nodes.IsValueCreated)
        {
            await _nodes.Value.B.DisposeAsync();
            await _nodes.Value.A.DisposeAsync();
        }
    }
}
