using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations.Email;

/// <summary>
/// Downloads of message attachments, for those who may see the conversation: API keys of the
/// workspace at <c>/api/v1/attachments/{id}</c>, signed-in members at <c>/conversations/attachments/{id}</c>.
/// Always a download with our stored type and nosniff, never rendered inline, so an uploaded file
/// cannot run script in our origin. Another workspace's id is simply not found.
/// </summary>
internal static class AttachmentsApi
{
    private static readonly HashSet<string> KnownTypes = [.. ConversationLimits.AllowedTypes.Values];

    public static void MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/attachments/{id:guid}", DownloadAsync).RequireAuthorization(Permission.Member.Name).WithTags("Conversations");
        app.MapGet("/conversations/attachments/{id:guid}", DownloadAsync).RequireAuthorization(Permission.Member.Name).ExcludeFromDescription();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, TouchpointDbContext db, HttpContext context,
        CancellationToken ct)
    {
        var file = await db.MessageAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.MessageId != null, ct);
        if (file is null)
        {
            return Problems.NotFound("Attachment");
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var type = KnownTypes.Contains(file.ContentType) ? file.ContentType : "application/octet-stream";
        return TypedResults.File(file.Content, type, file.FileName);
    }
}
