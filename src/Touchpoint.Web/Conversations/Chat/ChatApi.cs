using System.Net.Mail;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations.Chat;

/// <summary>
/// The widget's public endpoints under <c>/chat/{widgetKey}</c>: start a conversation, ask whether
/// anyone is there, leave a message that continues by email. Any site may call them (CORS for any
/// origin, no cookies): the widget key is public by design, and a visitor proves who they are with
/// the visitor token this returns once.
/// </summary>
internal static class ChatApi
{
    public const string CorsPolicy = "chat";

    public sealed record StartChatRequest(string? Name, string? Email, string? UserId, string? UserHash, string? Subject, Guid? TouchPointId);

    public sealed record OfflineRequest(string? Name, string? Email, string? Message);

    public sealed record InboxView(string Name, string? Greeting, string Color, bool PreChatForm, string? OfflineMessage);

    public sealed record AvailabilityView(bool Open, int AgentsOnline, string Reason, DateTime? NextOpening, int? ExpectedWaitSeconds)
    {
        public static AvailabilityView From(AvailabilityReport r) => new(r.Open, r.AgentsOnline, r.Reason, r.NextOpening, r.ExpectedWaitSeconds);
    }

    /// <summary>Availability with what the widget shows before a chat starts (colour, greeting, pre-chat form).</summary>
    public sealed record WidgetAvailability(bool Open, int AgentsOnline, string Reason, DateTime? NextOpening, int? ExpectedWaitSeconds,
        InboxView Inbox);

    public sealed record StartedChat(Guid ConversationId, string VisitorToken, InboxView Inbox, AvailabilityView Availability);

    public sealed record OfflineAccepted(Guid ConversationId);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapChatApi(this IEndpointRouteBuilder app)
    {
        // Anonymous and public: held to the per-address public rate limit and the public body size.
        var group = app.MapGroup("/chat/{widgetKey}").RequireCors(CorsPolicy).RequireRateLimiting(RateLimits.Public)
            .WithMetadata(new PublicEndpointAttribute()).WithTags("Chat");
        group.MapPost("/conversations", StartAsync);
        group.MapGet("/availability", AvailabilityAsync);
        group.MapPost("/offline", OfflineAsync);
    }

    private static async Task<Results<Created<StartedChat>, ValidationProblem, ProblemHttpResult>> StartAsync(string widgetKey,
        HttpRequest request, IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await InboxAsync(scope.ServiceProvider, widgetKey, ct) is not { } inbox)
        {
            return UnknownInbox();
        }

        var errors = new Dictionary<string, string[]>();
        var body = await ReadAsync<StartChatRequest>(request, errors, ct) ?? new StartChatRequest(null, null, null, null, null, null);
        var name = Text(body.Name, "name", 200, errors);
        var email = Email(body.Email, errors);
        var subject = Text(body.Subject, "subject", 500, errors);
        var userId = Text(body.UserId, "userId", 200, errors);
        if (userId is null && !string.IsNullOrWhiteSpace(body.UserHash))
        {
            errors["userId"] = ["Send the user id that userHash signs."];
        }
        else if (userId is not null && !VisitorTokens.IdentityMatches(userId, body.UserHash?.Trim(), inbox.IdentitySecret))
        {
            errors["userHash"] = [string.IsNullOrWhiteSpace(body.UserHash)
                ? "An identified visitor needs userHash: hex HMAC-SHA256 of userId with the inbox's identity secret, computed on your server."
                : "userHash does not match userId: compute hex HMAC-SHA256(userId) with the inbox's identity secret on your server."];
        }

        if (inbox.PreChatForm)
        {
            if (name is null && !errors.ContainsKey("name"))
            {
                errors["name"] = ["This chat asks for your name before it starts."];
            }

            if (email is null && !errors.ContainsKey("email"))
            {
                errors["email"] = ["This chat asks for your email address before it starts."];
            }
        }

        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        if (body.TouchPointId is { } touchPoint && !await db.TouchPoints.AnyAsync(t => t.Id == touchPoint, ct))
        {
            errors["touchPointId"] = ["No touch point with this id exists in this workspace; leave it out or send a known one."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var started = await scope.ServiceProvider.GetRequiredService<ConversationStarter>().StartAsync(inbox,
            new ConversationStarter.Request(name, email, userId, subject, body.TouchPointId), ct);
        var availability = await scope.ServiceProvider.GetRequiredService<Availability>().OfAsync(inbox, ct);
        return TypedResults.Created($"/chat/{widgetKey}/conversations/{started.Conversation.Id}",
            new StartedChat(started.Conversation.Id, started.VisitorToken!, View(inbox), AvailabilityView.From(availability)));
    }

    private static async Task<Results<Ok<WidgetAvailability>, ProblemHttpResult>> AvailabilityAsync(string widgetKey, HttpContext http,
        IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await InboxAsync(scope.ServiceProvider, widgetKey, ct) is not { } inbox)
        {
            return UnknownInbox();
        }

        var r = await scope.ServiceProvider.GetRequiredService<Availability>().OfAsync(inbox, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new WidgetAvailability(r.Open, r.AgentsOnline, r.Reason, r.NextOpening, r.ExpectedWaitSeconds, View(inbox)));
    }

    private static async Task<Results<Created<OfflineAccepted>, ValidationProblem, ProblemHttpResult>> OfflineAsync(string widgetKey,
        HttpRequest request, IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await InboxAsync(scope.ServiceProvider, widgetKey, ct) is not { } inbox)
        {
            return UnknownInbox();
        }

        var errors = new Dictionary<string, string[]>();
        var body = await ReadAsync<OfflineRequest>(request, errors, ct) ?? new OfflineRequest(null, null, null);
        var name = Text(body.Name, "name", 200, errors);
        var email = Email(body.Email, errors);
        if (email is null && !errors.ContainsKey("email"))
        {
            errors["email"] = ["Leave an email address: the answer is sent there."];
        }

        var message = body.Message?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            errors["message"] = ["Write your message."];
        }
        else if (message.Length > ConversationLimits.MaxMessageLength)
        {
            errors["message"] = [$"A message may have at most {ConversationLimits.MaxMessageLength} characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var started = await scope.ServiceProvider.GetRequiredService<ConversationStarter>().StartAsync(inbox,
            new ConversationStarter.Request(name, email, Channel: Channel.Email, WithVisitorToken: false, FirstMessage: message), ct);
        return TypedResults.Created($"/chat/{widgetKey}/conversations/{started.Conversation.Id}", new OfflineAccepted(started.Conversation.Id));
    }

    /// <summary>The inbox a widget key names, with its workspace entered in <paramref name="services"/>' scope.</summary>
    private static async Task<Inbox?> InboxAsync(IServiceProvider services, string widgetKey, CancellationToken ct)
    {
        var db = services.GetRequiredService<TouchpointDbContext>();
        var inbox = widgetKey.Length > 64 ? null
            : await db.Inboxes.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.WidgetKey == widgetKey, ct);
        if (inbox is not null)
        {
            services.GetRequiredService<WorkspaceScope>().Enter(inbox.WorkspaceId);
        }

        return inbox;
    }

    private static InboxView View(Inbox inbox) => new(inbox.Name, inbox.Greeting, inbox.Color, inbox.PreChatForm, inbox.OfflineMessage);

    private static ProblemHttpResult UnknownInbox() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Chat not found", detail: "No chat inbox has this widget key: copy the script tag again from the inbox's settings.");

    /// <summary>An optional JSON body; unreadable JSON becomes a field error, not a 500.</summary>
    private static async Task<T?> ReadAsync<T>(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken ct) where T : class
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Json, ct);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            errors[field] = [field == "body" ? "The body is not valid JSON." : "This value has the wrong type: send a string."];
            return null;
        }
    }

    private static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
            return null;
        }

        return text;
    }

    private static string? Email(string? value, Dictionary<string, string[]> errors)
    {
        var email = Text(value, "email", 320, errors);
        if (email is not null && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal)))
        {
            errors["email"] = ["This is not an email address: write it as name@example.com."];
            return null;
        }

        return email;
    }
}
