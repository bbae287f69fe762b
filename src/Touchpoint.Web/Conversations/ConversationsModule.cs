using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Web.Conversations.AfterChat;
using Touchpoint.Web.Conversations.Attachments;
using Touchpoint.Web.Conversations.Chat;
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
        services.AddScoped<ITimelineSource, ConversationTimelineSource>();
        services.AddChat();
        services.AddAgentInbox();
        services.AddAfterChat();
        return services;
    }

    public static void MapConversations(this IEndpointRouteBuilder app)
    {
        app.MapHub<ConversationHub>(ConversationHub.Path);
        app.MapChat();
        app.MapAgentInbox();
        app.MapAfterChat();
        app.MapChatAttachments();
        app.MapEmailChannel();
    }
}
