using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Conversations.Email;
using Touchpoint.Core.Conversations.Email.Mime;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations.Email;

/// <summary>
/// <c>POST /api/v1/channels/email/inbound</c>: a mail server (or a mail provider's inbound webhook)
/// delivers one raw RFC 5322 message; it becomes a customer message in the conversation it threads to.
/// </summary>
internal static class EmailChannelApi
{
    /// <summary>Raw messages up to 25 MB: two 10 MB attachments survive base64's third more.</summary>
    public const long MaxMessageBytes = 25L * 1024 * 1024;

    private static readonly string[] AcceptedTypes = ["message/rfc822", "text/plain", "application/octet-stream"];

    public static void MapEmailChannelApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/channels/email/inbound", ReceiveAsync)
            .RequireAuthorization(Permission.ReceiveEmail.Name)
            .WithMetadata(new RequestSizeLimitAttribute(MaxMessageBytes))
            .WithTags("Conversations");
    }

    /// <param name="CaseId">Set when the message answered a case email (its reply address carried a case's token): it went onto the case.</param>
    internal sealed record InboundResponse(Guid ConversationId, long MessageId, bool Created, bool NewConversation, int Attachments,
        IReadOnlyList<string> Dropped, Guid? CaseId = null);

    private static async Task<Results<Created<InboundResponse>, Ok<InboundResponse>, ProblemHttpResult>> ReceiveAsync(HttpRequest request,
        InboundEmail inbound, CaseMail caseMail, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not null && !AcceptedTypes.Contains(mediaType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send the raw message as message/rfc822", "contentType",
                $"'{mediaType}' is not accepted: send the raw RFC 5322 message as message/rfc822, text/plain or application/octet-stream.");
        }

        var raw = await ReadAsync(request.Body, ct);
        if (raw is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "The message is too large", "body",
                $"A message may have at most {MaxMessageBytes / (1024 * 1024)} MB.");
        }

        if (raw.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "The request has no message", "body",
                "Send the raw RFC 5322 message (headers, a blank line, the body) as the request body.");
        }

        // A reply to a case email belongs to the case, not to a conversation.
        if (await caseMail.ReceiveAsync(MimeMessage.Parse(raw), raw, ct) is { } answered)
        {
            var onCase = new InboundResponse(Guid.Empty, 0, answered.Created, false, 0, [], answered.CaseId);
            return answered.Created ? TypedResults.Created($"/api/v1/cases/{answered.Number}", onCase) : TypedResults.Ok(onCase);
        }

        var result = await inbound.ReceiveAsync(raw, ct);
        var response = new InboundResponse(result.ConversationId, result.MessageId, result.Outcome == InboundEmail.Outcome.Stored,
            result.NewConversation, result.AttachmentsKept, result.Dropped ?? []);
        return result.Outcome switch
        {
            InboundEmail.Outcome.Stored => TypedResults.Created($"/api/v1/conversations/{result.ConversationId}", response),
            InboundEmail.Outcome.Duplicate => TypedResults.Ok(response),
            InboundEmail.Outcome.NoSender => Problem(StatusCodes.Status422UnprocessableEntity, "The message has no sender", "from",
                "The From header is missing or holds no address, so no one could be answered."),
            _ => Problem(StatusCodes.Status422UnprocessableEntity, "There is no email inbox to receive this message", "inbox",
                "Create an email inbox (with the address mail is sent to) in this workspace, then deliver the message again."),
        };
    }

    /// <summary>The body, or null beyond the limit (a chunked body has no length to refuse up front).</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxMessageBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult Problem(int status, string title, string field, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
