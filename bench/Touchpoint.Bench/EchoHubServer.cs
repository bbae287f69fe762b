using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Touchpoint.Bench;

/// <summary>
/// chat-fanout's baseline: the least a SignalR server can do for the same traffic. Kestrel, one hub at
/// Touchpoint's hub path, no authentication, no database. A connection with <c>?conversation=</c> joins
/// that conversation's group, one without joins "agents"; <c>Send(conversationId, clientId, body)</c>
/// numbers the message in memory, sends <c>message</c> to the agents and to the conversation (the same
/// two groups Touchpoint sends to) and returns the message as the ack.
/// Runs as its own process: <c>Touchpoint.Bench echo-hub</c>, port from <c>TOUCHPOINT_ECHO_PORT</c>.
/// </summary>
internal static class EchoHubServer
{
    public const string Verb = "echo-hub";
    public const string AgentsGroup = "agents";

    public static async Task<int> RunAsync()
    {
        var port = int.Parse(Environment.GetEnvironmentVariable("TOUCHPOINT_ECHO_PORT")
            ?? throw new InvalidOperationException("Set TOUCHPOINT_ECHO_PORT."), System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port));
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/healthz", () => Results.Ok());
        app.MapHub<EchoHub>("/hubs/conversations");
        await app.RunAsync();
        return 0;
    }
}

/// <summary>The echo hub itself; see <see cref="EchoHubServer"/>.</summary>
internal sealed class EchoHub : Hub
{
    private static long _seq;

    public override Task OnConnectedAsync()
    {
        var conversation = Context.GetHttpContext()?.Request.Query["conversation"].ToString();
        return Groups.AddToGroupAsync(Context.ConnectionId,
            string.IsNullOrEmpty(conversation) ? EchoHubServer.AgentsGroup : "conversation:" + conversation, Context.ConnectionAborted);
    }

    public async Task<EchoMessage> Send(Guid conversationId, string clientId, string body)
    {
        var message = new EchoMessage(Guid.NewGuid(), conversationId, Interlocked.Increment(ref _seq), "customer", body, clientId, DateTime.UtcNow);
        await Clients.Group(EchoHubServer.AgentsGroup).SendAsync("message", message);
        await Clients.Group("conversation:" + conversationId).SendAsync("message", message);
        return message;
    }
}

/// <summary>The echo's message: the fields a widget and an agent use from Touchpoint's MessageDto.</summary>
internal sealed record EchoMessage(Guid Id, Guid ConversationId, long Seq, string Author, string Body, string ClientId, DateTime CreatedAt);
