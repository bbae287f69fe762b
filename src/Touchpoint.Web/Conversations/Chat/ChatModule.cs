using Microsoft.AspNetCore.SignalR;
using Touchpoint.Core.Conversations;

namespace Touchpoint.Web.Conversations.Chat;

/// <summary>The chat widget: its public endpoints, its script, and the hub's limits.</summary>
internal static class ChatModule
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddScoped<ConversationStarter>();
        services.AddScoped<Availability>();
        // The widget key sits in any site's pages by design; no cookies cross (no credentials).
        services.AddCors(o => o.AddPolicy(ChatApi.CorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "POST")));
        services.Configure<HubOptions<ConversationHub>>(o => o.MaximumReceiveMessageSize = ConversationHub.MaximumReceiveMessageSize);
        services.PostConfigure<StaticFileOptions>(o =>
        {
            var before = o.OnPrepareResponse;
            o.OnPrepareResponse = context =>
            {
                before(context);
                // Sites embed /chat/widget.js: cache it briefly so a new version reaches them within minutes.
                if (context.Context.Request.Path.StartsWithSegments("/chat"))
                {
                    context.Context.Response.Headers.CacheControl = "public, max-age=300";
                    context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                    // A host page in another encoding would otherwise read the widget's text (×, emoji, …) in its own.
                    context.Context.Response.ContentType = "text/javascript; charset=utf-8";
                }
            };
        });
        return services;
    }

    public static void MapChat(this IEndpointRouteBuilder app) => app.MapChatApi();
}
