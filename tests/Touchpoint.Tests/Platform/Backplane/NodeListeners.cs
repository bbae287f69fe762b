using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Touchpoint.Core.Data.Backplane;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Web.Platform.Backplane;

namespace Touchpoint.Tests.Platform.Backplane;

/// <summary>
/// A node's LISTEN connection as PostgreSQL sees it (<c>pg_stat_activity</c>, found by the
/// <c>application_name</c> the node sets): tests wait until it listens, and end it to see it come back.
/// </summary>
public static class NodeListeners
{
    public static string ApplicationNameOf(TouchpointFactory node) =>
        PostgresNodeListener.ApplicationName(node.Services.GetRequiredService<INodeBus>().NodeId);

    /// <summary>The backend pid of the node's connection once its LISTEN has run; another than <paramref name="not"/>.</summary>
    public static async Task<int> ListeningAsync(TouchpointFactory node, int? not = null)
    {
        int? pid = null;
        await Eventually.HoldsAsync(async () => (pid = await PidAsync(node)) is { } found && found != not,
            $"node {ApplicationNameOf(node)} to listen" + (not is null ? "" : " on a new connection"));
        return pid!.Value;
    }

    /// <summary>Ends the backend, as a server restart or an operator would; the node sees its connection break.</summary>
    public static async Task TerminateAsync(TouchpointFactory node, int pid)
    {
        await using var connection = await OpenAsync(node);
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend($1)", connection) { Parameters = { new() { Value = pid } } };
        Assert.True(await command.ExecuteScalarAsync() is true, $"pg_terminate_backend({pid}) ended nothing.");
    }

    private static async Task<int?> PidAsync(TouchpointFactory node)
    {
        await using var connection = await OpenAsync(node);
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle' AND query LIKE 'LISTEN%'", connection)
        {
            Parameters = { new() { Value = ApplicationNameOf(node) } },
        };
        return await command.ExecuteScalarAsync() as int?;
    }

    private static async Task<NpgsqlConnection> OpenAsync(TouchpointFactory node)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(node.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
