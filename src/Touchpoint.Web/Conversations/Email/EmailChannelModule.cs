using Touchpoint.Core.Conversations.Email;

namespace Touchpoint.Web.Conversations.Email;

/// <summary>The email channel: inbound mail, replies by email, attachment downloads.</summary>
internal static class EmailChannelModule
{
    public static IServiceCollection AddEmailChannel(this IServiceCollection services)
    {
        services.AddScoped<InboundEmail>();
        services.AddScoped<ConversationMailer>();
        services.AddSingleton<UnsentRepliesSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<UnsentRepliesSweep>());
        return services;
    }

    public static void MapEmailChannel(this IEndpointRouteBuilder app)
    {
        app.MapEmailChannelApi();
        app.MapAttachmentsApi();
    }
}
