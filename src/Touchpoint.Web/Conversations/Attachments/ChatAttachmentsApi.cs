using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Conversations.AfterChat;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations.AfterChat;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations.Attachments;

/// <summary>
/// Files in chats: the visitor's and the agents' uploads (sent afterwards with a message that names
/// them), and the visitor's download of the files in their own conversation. Downloads are always
/// attachments with our content type, nosniff and a CSP that runs nothing, so a file never acts as a page.
/// </summary>
internal static class ChatAttachmentsApi
{
    /// <summary>The largest file plus room for the multipart envelope.</summary>
    private const long MaxUploadBody = ConversationLimits.MaxAttachmentBytes + (64 * 1024);

    public static void MapChatAttachments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/conversations/{id:guid}/attachments", MemberUploadAsync).RequireAuthorization(Permission.HandleConversations.Name)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBody)).DisableAntiforgery().WithTags("Conversations");
        app.MapPost("/chat/{widgetKey}/conversations/{id:guid}/attachments", VisitorUploadAsync).RequireCors(AfterChatApi.WidgetCors)
            .RequireRateLimiting(RateLimits.Public).WithMetadata(new PublicEndpointAttribute(), new RequestSizeLimitAttribute(MaxUploadBody))
            .DisableAntiforgery().WithTags("Chat widget");
        app.MapGet("/api/v1/conversations/{id:guid}/attachments", MemberListAsync).RequireAuthorization(Permission.ViewFeedback.Name)
            .WithTags("Conversations");
        app.MapGet("/chat/{widgetKey}/conversations/{id:guid}/attachments", VisitorListAsync).RequireCors(AfterChatApi.WidgetCors)
            .RequireRateLimiting(RateLimits.Public).WithMetadata(new PublicEndpointAttribute()).WithTags("Chat widget");
        app.MapGet("/chat/{widgetKey}/attachments/{id:guid}", VisitorDownloadAsync).RequireCors(AfterChatApi.WidgetCors)
            .RequireRateLimiting(RateLimits.Public).WithMetadata(new PublicEndpointAttribute()).WithTags("Chat widget");
    }

    private static async Task<Results<Created<AttachmentDto>, ValidationProblem, ProblemHttpResult>> MemberUploadAsync(Guid id,
        HttpRequest request, TouchpointDbContext db, AttachmentUpload upload, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null)
        {
            return Problems.NotFound("Conversation");
        }

        return await StoreAsync(request, conversation, upload, AttachmentDto.MemberUrl, ct);
    }

    private static async Task<Results<Created<AttachmentDto>, ValidationProblem, ProblemHttpResult>> VisitorUploadAsync(string widgetKey,
        Guid id, [FromHeader(Name = VisitorAccess.TokenHeader)] string? visitorToken, HttpRequest request, TouchpointDbContext db,
        WorkspaceScope scope, AttachmentUpload upload, CancellationToken ct)
    {
        if (await VisitorAccess.FindAsync(db, scope, widgetKey, id, visitorToken, ct) is not { } conversation)
        {
            return VisitorAccess.NotFound();
        }

        return await StoreAsync(request, conversation, upload, a => AttachmentDto.VisitorUrl(widgetKey, a, visitorToken!), ct);
    }

    private static async Task<Results<Created<AttachmentDto>, ValidationProblem, ProblemHttpResult>> StoreAsync(HttpRequest request,
        Conversation conversation, AttachmentUpload upload, Func<Guid, string> url, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Invalid(new() { ["file"] = ["Send the file as multipart/form-data in a part named 'file'."] });
        }

        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file)
        {
            return Problems.Invalid(new() { ["file"] = ["Send the file in a part named 'file'."] });
        }

        await using var content = file.OpenReadStream();
        var result = await upload.StoreAsync(conversation.WorkspaceId, conversation.Id, file.FileName, content, file.Length, ct);
        return result.Outcome switch
        {
            AttachmentUpload.Outcome.Stored => TypedResults.Created(url(result.Attachment!.Id),
                AttachmentDto.From(result.Attachment, url(result.Attachment.Id))),
            AttachmentUpload.Outcome.TooLarge => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The file is too large", detail: result.Errors["file"][0], extensions: new Dictionary<string, object?> { ["errors"] = result.Errors }),
            _ => Problems.Invalid(result.Errors),
        };
    }

    /// <summary>Every file of the conversation, notes' files included, for agents.</summary>
    private static async Task<Results<Ok<List<AttachmentDto>>, ProblemHttpResult>> MemberListAsync(Guid id, TouchpointDbContext db,
        CancellationToken ct)
    {
        if (!await db.Conversations.AnyAsync(c => c.Id == id, ct))
        {
            return Problems.NotFound("Conversation");
        }

        var files = await ListAsync(db.MessageAttachments.Where(a => a.ConversationId == id), ct);
        return TypedResults.Ok(files.Select(a => AttachmentDto.From(a, AttachmentDto.MemberUrl(a.Id))).ToList());
    }

    /// <summary>The files sent with the conversation's public messages: what the widget shows beside each message.</summary>
    private static async Task<Results<Ok<List<AttachmentDto>>, ProblemHttpResult>> VisitorListAsync(string widgetKey, Guid id,
        [FromHeader(Name = VisitorAccess.TokenHeader)] string? visitorToken, TouchpointDbContext db, WorkspaceScope scope, CancellationToken ct)
    {
        if (await VisitorAccess.FindAsync(db, scope, widgetKey, id, visitorToken, ct) is null)
        {
            return VisitorAccess.NotFound();
        }

        var files = await ListAsync(db.MessageAttachments.Where(a => a.ConversationId == id && a.MessageId != null
            && db.ConversationMessages.Any(m => m.Id == a.MessageId && !m.Private)), ct);
        return TypedResults.Ok(files.Select(a => AttachmentDto.From(a, AttachmentDto.VisitorUrl(widgetKey, a.Id, visitorToken!))).ToList());
    }

    /// <summary>File details without their bytes, oldest first.</summary>
    private static Task<List<MessageAttachment>> ListAsync(IQueryable<MessageAttachment> query, CancellationToken ct) =>
        query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(a => new MessageAttachment
        {
            Id = a.Id,
            WorkspaceId = a.WorkspaceId,
            ConversationId = a.ConversationId,
            MessageId = a.MessageId,
            FileName = a.FileName,
            ContentType = a.ContentType,
            Size = a.Size,
            Content = Array.Empty<byte>(),
            CreatedAt = a.CreatedAt,
        }).Take(500).ToListAsync(ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> VisitorDownloadAsync(string widgetKey, Guid id, string? visitor,
        HttpContext http, TouchpointDbContext db, WorkspaceScope scope, CancellationToken ct)
    {
        var conversationId = await db.MessageAttachments.IgnoreQueryFilters().Where(a => a.Id == id).Select(a => (Guid?)a.ConversationId)
            .FirstOrDefaultAsync(ct);
        if (conversationId is null || await VisitorAccess.FindAsync(db, scope, widgetKey, conversationId.Value, visitor, ct) is null)
        {
            return AttachmentNotFound();
        }

        // Only files sent with public messages: not unsent uploads, never files on internal notes.
        var attachment = await db.MessageAttachments.AsNoTracking()
            .Where(a => a.Id == id && a.MessageId != null && db.ConversationMessages.Any(m => m.Id == a.MessageId && !m.Private))
            .FirstOrDefaultAsync(ct);
        if (attachment is null)
        {
            return AttachmentNotFound();
        }

        return Serve(http, attachment);
    }

    /// <summary>Sends the file as a download that the browser never renders as a page.</summary>
    public static FileContentHttpResult Serve(HttpContext http, MessageAttachment attachment)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, no-store";
        return TypedResults.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }

    private static ProblemHttpResult AttachmentNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "File not found",
            detail: "No file with this id was sent in this visitor's conversation.");
}
