using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Touchpoint.Core.Data;
using Touchpoint.Core.Data.Backplane;
using Touchpoint.Web.Cases.Work;

namespace Touchpoint.Web.Platform.Backplane;

/// <summary>
/// Cross-node live fan-out (docs/SCALING.md). On PostgreSQL with <c>Touchpoint:Backplane:Enabled</c>
/// (off by default) every node publishes what it committed with NOTIFY and LISTENs to the others;
/// on SQLite, or with the backplane off, the in-process bus registered with the database stays and
/// nothing here runs.
/// </summary>
internal static class BackplaneModule
{
    public static IServiceCollection AddBackplane(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackplaneOptions>().BindConfiguration(BackplaneOptions.Section);
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var options = configuration.GetSection(BackplaneOptions.Section).Get<BackplaneOptions>() ?? new BackplaneOptions();
        if (provider != DatabaseProvider.Postgres || !options.Enabled)
        {
            return services;
        }

        var connection = configuration.GetConnectionString(DatabaseSetup.ConnectionStringName) ?? "";
        services.AddSingleton<PostgresNodeBus>();
        services.Replace(ServiceDescriptor.Singleton<INodeBus>(sp => sp.GetRequiredService<PostgresNodeBus>()));
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<PostgresNodeListener>(sp, connection));
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<PostgresNotifyPublisher>(sp, connection));

        // Conversations: count the hub's clients, so notices nobody here watches are not read.
        services.AddSingleton<ConversationHubPresence>();
        services.AddSingleton<ConversationHubPresenceFilter>();
        // On the global options: SignalR copies them into the hub's own when it builds those.
        services.Configure<HubOptions>(o => o.AddFilter<ConversationHubPresenceFilter>());
        services.AddHostedService<ConversationRelay>();
        services.AddHostedService<ResponseRelay>();
        services.AddHostedService<NotificationRelay>();
        return services;
    }
}
