using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data.Backplane;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Data;

/// <summary>Registers the data context on the provider chosen in configuration, with that provider's migrations.</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "Touchpoint";
    public const string DefaultSqliteConnection = "Data Source=data/touchpoint.db";

    public static IServiceCollection AddTouchpointDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connection = configuration.GetConnectionString(ConnectionStringName);
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddScoped<WorkspaceScope>();
        // Profiles' ids and consent are remembered for tracking; every save that changes them evicts.
        services.AddSingleton<KnownUsers>();
        services.AddSingleton<KnownUsersEviction>();
        // Completed responses are announced (webhooks, live feed) from whichever path saved them.
        services.AddSingleton<ResponseSignal>();
        // One node until the host says otherwise (the web host puts PostgreSQL's LISTEN/NOTIFY bus here).
        services.AddSingleton<INodeBus, InProcessNodeBus>();
        services.AddSingleton<ResponseFeed>();
        services.AddSingleton<ResponseAnnouncement>();
        // Surveys and webhook subscriptions are remembered for the answer path; saves that change them evict.
        services.AddSingleton<LiveSurveys>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<NodeCacheEviction>();
        // New responses, events and conversation outcomes wake the alert worker after their commit.
        services.AddSingleton<Cases.Alerts.AlertSignal>();
        services.AddSingleton<Cases.Alerts.AlertWake>();
        // Saves that change what a score reads mark the rollups dirty, in the same transaction.
        services.AddSingleton<Analytics.Rollups.RollupSignal>();
        services.AddSingleton<Analytics.Rollups.RollupMarking>();
        // The options are built once, not per request: building them parses the connection string
        // and checks the data folder, which was a visible share of a small request's time.
        services.AddDbContext<TouchpointDbContext>((sp, builder) =>
        {
            Configure(builder, options.Provider, connection);
            builder.AddInterceptors(sp.GetRequiredService<KnownUsersEviction>(), sp.GetRequiredService<ResponseAnnouncement>(),
                sp.GetRequiredService<NodeCacheEviction>());
            builder.AddInterceptors(sp.GetRequiredService<Cases.Alerts.AlertWake>());
            builder.AddInterceptors(sp.GetRequiredService<Analytics.Rollups.RollupMarking>());
        }, optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string? connection)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(connection ?? DefaultSqliteConnection);
                EnsureFolder(sqlite.DataSource);
                builder.UseSqlite(sqlite.ToString(), o => o.MigrationsAssembly("Touchpoint.Migrations.Sqlite"))
                    .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new InvalidOperationException(
                        "Touchpoint:Database:Provider is Postgres but ConnectionStrings:Touchpoint is empty. " +
                        "Set it, e.g. ConnectionStrings__Touchpoint=\"Host=localhost;Database=touchpoint;Username=postgres;Password=...\".");
                }

                builder.UseNpgsql(WithPreparedStatements(connection), o => o.MigrationsAssembly("Touchpoint.Migrations.Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'. Use Sqlite or Postgres.");
        }
    }

    /// <summary>
    /// Lets Npgsql prepare the statements a connection runs often (unless the operator chose):
    /// the hot paths (an event's insert, a profile's lookup) then skip PostgreSQL's parse and plan,
    /// which on a busy server is CPU taken from the requests. Set <c>Max Auto Prepare=0</c> behind
    /// a pooler that cannot keep prepared statements.
    /// </summary>
    public static string WithPreparedStatements(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!connection.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connection.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }

    private static void EnsureFolder(string dataSource)
    {
        if (dataSource is "" or ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
