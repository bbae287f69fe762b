using Touchpoint.Core.Conversations;
using Touchpoint.Web.Conversations.Email;

namespace Touchpoint.Web.Conversations;

/// <summary>Conversations: inboxes, the hub, the widget, channels.</summary>
internal static class ConversationsModule
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<SignalRConversationFeed>();
        services.AddSingleton<IConversationFeed, CompositeConversationFeed>();
        services.AddEmailChannel();
        services.AddScoped<ConversationLog>();
        return services;
    }

    public static void MapConversations(this IEndpointRouteBuilder app)
    {
        app.MapHub<ConversationHub>(ConversationHub.Path);
        app.MapEmailChannel();
    }
}
