using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Conversations.AfterChat;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations.AfterChat;

/// <summary>
/// After a resolution: resolving through the API (which asks for the rating and sends the follow-up
/// survey), the widget's rating, and the transcript by email.
/// </summary>
internal static class AfterChatApi
{
    public const string WidgetCors = "chat-widget-after";

    public sealed record CsatRequest(int? Score, string? Comment);

    public sealed record TranscriptRequest(string? Email);

    public sealed record TranscriptQueued(string Email);

    public static IServiceCollection AddAfterChat(this IServiceCollection services)
    {
        services.AddScoped<ResolutionFollowUp>();
        services.AddScoped<ChatCsat>();
        services.AddScoped<TranscriptMailer>();
        services.AddScoped<AttachmentUpload>();
        // The widget runs on the company's own sites: any origin may call these, with the visitor token as proof.
        services.AddCors(o => o.AddPolicy(WidgetCors, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "POST")));
        return services;
    }

    public static void MapAfterChat(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/conversations/{id:guid}/resolve", ResolveAsync).RequireAuthorization(Permission.HandleConversations.Name)
            .WithTags("Conversations");
        var widget = app.MapGroup("/chat/{widgetKey}/conversations/{id:guid}").RequireCors(WidgetCors)
            .RequireRateLimiting(RateLimits.Public).WithMetadata(new PublicEndpointAttribute()).WithTags("Chat widget");
        widget.MapPost("/csat", CsatAsync);
        widget.MapPost("/transcript", TranscriptAsync);
    }

    /// <summary>The same as PATCH with status "resolved": one path, so the rating question and follow-up always run.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ResolveAsync(Guid id, ConversationChanges changes, HttpContext http,
        CancellationToken ct)
    {
        var actor = await ConversationsApi.ActorNameAsync(http.User, changes, ct);
        var result = await changes.ApplyAsync(id, new ConversationChanges.Change(ConversationStatus.Resolved), null, actor, ct);
        return result.Outcome switch
        {
            ConversationChanges.Outcome.Applied => TypedResults.NoContent(),
            ConversationChanges.Outcome.NotFound => Problems.NotFound("Conversation"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else",
                detail: "Another agent changed this conversation at the same time. Reload it and try again."),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> CsatAsync(string widgetKey, Guid id,
        [FromHeader(Name = VisitorAccess.TokenHeader)] string? visitorToken, CsatRequest? body, TouchpointDbContext db, WorkspaceScope scope,
        ChatCsat csat, CancellationToken ct)
    {
        if (await VisitorAccess.FindAsync(db, scope, widgetKey, id, visitorToken, ct) is null)
        {
            return VisitorAccess.NotFound();
        }

        var result = await csat.RateAsync(id, body?.Score, body?.Comment, ct);
        return result.Outcome switch
        {
            ChatCsat.Outcome.Rated => TypedResults.NoContent(),
            ChatCsat.Outcome.Invalid => Problems.Invalid(result.Errors),
            ChatCsat.Outcome.NotResolved => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not resolved yet",
                detail: "A conversation can be rated once it is resolved."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already rated",
                detail: "This conversation has been rated already; thank you."),
        };
    }

    private static async Task<Results<Accepted<TranscriptQueued>, ValidationProblem, ProblemHttpResult>> TranscriptAsync(string widgetKey,
        Guid id, [FromHeader(Name = VisitorAccess.TokenHeader)] string? visitorToken, TranscriptRequest? body, TouchpointDbContext db,
        WorkspaceScope scope, TranscriptMailer transcripts, CancellationToken ct)
    {
        if (await VisitorAccess.FindAsync(db, scope, widgetKey, id, visitorToken, ct) is null)
        {
            return VisitorAccess.NotFound();
        }

        var result = await transcripts.SendAsync(id, body?.Email, ct);
        return result.Outcome switch
        {
            TranscriptMailer.Outcome.Queued => TypedResults.Accepted((string?)null, new TranscriptQueued(result.To!)),
            TranscriptMailer.Outcome.Invalid => Problems.Invalid(result.Errors),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many transcripts",
                detail: $"A conversation's transcript can be emailed {TranscriptMailer.PerHour} times an hour. Try again later."),
        };
    }
}
