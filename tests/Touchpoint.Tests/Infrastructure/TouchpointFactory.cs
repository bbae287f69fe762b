using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Touchpoint.Core.Data;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh database of the given provider. Startup migrates it (Program calls
/// PrepareAsync). Extra settings override the defaults, e.g. low rate limits or an SMTP server.
/// </summary>
public sealed class TouchpointFactory : WebApplicationFactory<Program>
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"tp_test_scratch_{Guid.NewGuid():N}");
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _ownsDatabase = true;

    public TouchpointFactory(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Provider = provider;
        Database = TestDatabase.Create(provider);
        _settings = settings ?? new Dictionary<string, string?>();
    }

    /// <summary>
    /// Another node of the same deployment: the same database as <paramref name="firstNode"/>, its own
    /// process state (hub connections, caches, background services). The first node drops the database.
    /// </summary>
    public TouchpointFactory(TouchpointFactory firstNode, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Provider = firstNode.Provider;
        Database = firstNode.Database;
        _settings = settings ?? new Dictionary<string, string?>();
        _ownsDatabase = false;
    }

    public DatabaseProvider Provider { get; }
    public TestDatabase Database { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Touchpoint:Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Touchpoint", Database.ConnectionString);
        builder.UseSetting("Touchpoint:Demo:Seed", "false");
        builder.UseSetting("Touchpoint:Limits:PublicRequestsPerMinute", "100000");
        builder.UseSetting("Touchpoint:Limits:AccountRequestsPerMinute", "100000");
        builder.UseSetting("Touchpoint:Outbox:PollSeconds", "1");
        // The churn-risk sweep would rescore every test workspace once a minute; its tests drive it themselves.
        builder.UseSetting("Touchpoint:Insights:ChurnRisk:Enabled", "false");
        // Mail goes nowhere unless a test points it at its SMTP sink.
        builder.UseSetting("Touchpoint:Smtp:PickupDirectory", Path.Combine(_scratch, "mail"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DropAsync();
        }

        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }
}
