using Touchpoint.Core.Conversations;


namespace Touchpoint.Web.Conversations;

/// <summary>The agent inbox: assignment, changes, merges, snoozes, presence, and its REST API.</summary>
internal static class InboxModule
{
    public static IServiceCollection AddAgentInbox(this IServiceCollection services)
    {
        services.AddScoped<ConversationChanges>();
        services.AddScoped<ConversationAssigner>();
        services.AddScoped<ConversationMerger>();
        services.AddScoped<ConversationStats>();
        services.AddScoped<AgentPresence>();
        services.AddScoped<InboxAvailability>();
        services.AddOptions<SnoozeOptions>().BindConfiguration(SnoozeOptions.Section);
        services.AddSingleton<SnoozeWaker>();
        services.AddHostedService(sp => sp.GetRequiredService<SnoozeWaker>());
        return services;
    }

    public static void MapAgentInbox(this IEndpointRouteBuilder app)
    {
        app.MapConversationsApi();
        app.MapInboxesApi();
        app.MapTeamsApi();
        app.MapCannedRepliesApi();
        app.MapAgentsApi();
    }
}
