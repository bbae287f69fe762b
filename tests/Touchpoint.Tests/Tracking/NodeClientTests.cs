using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Tracking;

/// <summary>
/// The real Segment and RudderStack Node clients, pointed at the app on a real port, store what they
/// send: proof that the tracking API speaks their protocol (Basic auth, batches, RudderStack's gzip).
/// </summary>
public sealed class NodeClientTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    [NodeTheory, OnSqlite, OnPostgres]
    public async Task SegmentAndRudderStackNodeClients_SendEveryCallType_AndTheEventsAreStored(DatabaseProvider provider)
    {
        var folder = ClientsFolder();
        await InstallAsync(folder);
        await using var app = new TouchpointFactory(provider);
        app.UseKestrel(0);
        app.StartServer();
        var host = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/');
        var workspace = await TestWorkspace.CreateAsync(app);
        var writeKey = await workspace.CreateWriteKeyAsync(TrackingSource.App);

        var (exit, output) = await RunAsync("node", ["send.mjs"], folder, new() { ["WRITE_KEY"] = writeKey, ["HOST"] = host });

        Assert.True(exit == 0, $"node send.mjs exited with {exit}:\n{output}");
        foreach (var (client, total, page) in new[] { ("segment", 42, "Pricing"), ("rudder", 7, "Docs") })
        {
            var customer = await workspace.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.ExternalId == $"{client}-user"));
            var events = await workspace.QueryAsync(db => db.Events.AsNoTracking().Where(e => e.CustomerId == customer.Id).ToListAsync());
            var identities = await workspace.QueryAsync(db => db.CustomerIdentities.AsNoTracking().Where(i => i.CustomerId == customer.Id).ToListAsync());

            Assert.Equal($"{client}@example.com", customer.Email);
            Assert.Equal(Enum.GetValues<EventType>().Except([EventType.Screen]).Order(), events.Select(e => e.Type).Order());
            Assert.All(events, e => Assert.Equal((TrackingSource.App, Channel.App), (e.Source, e.Channel)));
            var track = events.Single(e => e.Type == EventType.Track);
            Assert.Equal("Order Completed", track.Name);
            Assert.Equal(total, JsonDocument.Parse(track.Properties).RootElement.GetProperty("total").GetInt32());
            Assert.Equal(page, events.Single(e => e.Type == EventType.Page).Name);
            Assert.Equal($"{client}-co", events.Single(e => e.Type == EventType.Group).Name);
            Assert.Contains(identities, i => (i.Kind, i.Value) == (IdentityKind.AnonymousId, $"{client}-device"));
            Assert.Contains(identities, i => (i.Kind, i.Value) == (IdentityKind.PreviousId, $"{client}-old"));
        }
    }

    /// <summary>Installs the clients once per test run; npm keeps node_modules in the folder (git-ignored) between runs.</summary>
    private static async Task InstallAsync(string folder)
    {
        await InstallGate.WaitAsync();
        try
        {
            if (_installed)
            {
                return;
            }

            var (exit, output) = await RunAsync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], folder, []);
            Assert.True(exit == 0, $"npm install in {folder} exited with {exit}:\n{output}");
            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static string ClientsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Tracking", "NodeClients");
            if (File.Exists(Path.Combine(dir.FullName, "Touchpoint.Tests.csproj")) && File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No Tracking/NodeClients/package.json above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] args, string folder,
        Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {ProcessTimeout.TotalMinutes} minutes.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
