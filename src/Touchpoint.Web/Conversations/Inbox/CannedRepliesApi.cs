using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations;

/// <summary>/api/v1/canned-replies: saved answers agents insert by typing "/" and the shortcut.</summary>
internal static partial class CannedRepliesApi
{
    public static void MapCannedRepliesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/canned-replies").WithTags("Canned replies");
        group.MapGet("", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("", CreateAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permission.HandleConversations.Name);
    }

    internal sealed record CannedReplyDto(Guid Id, string Shortcut, string Body, DateTime CreatedAt)
    {
        public static CannedReplyDto From(CannedReply r) => new(r.Id, r.Shortcut, r.Body, r.CreatedAt);
    }

    internal sealed record CannedReplyRequest(string? Shortcut, string? Body);

    private static async Task<IResult> ListAsync(TouchpointDbContext db, string? q, CancellationToken ct)
    {
        var query = db.CannedReplies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().TrimStart('/').ToLowerInvariant();
            query = query.Where(r => r.Shortcut.StartsWith(text));
        }

        return TypedResults.Ok(new Page<CannedReplyDto>((await query.OrderBy(r => r.Shortcut).ToListAsync(ct)).Select(CannedReplyDto.From).ToList(), null));
    }

    private static async Task<IResult> CreateAsync(CannedReplyRequest? body, TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var reply = new CannedReply { Shortcut = "", Body = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
        if (await SaveAsync(reply, body, db, isNew: true, ct) is { } problem)
        {
            return problem;
        }

        return TypedResults.Created($"/api/v1/canned-replies/{reply.Id}", CannedReplyDto.From(reply));
    }

    private static async Task<IResult> UpdateAsync(Guid id, CannedReplyRequest? body, TouchpointDbContext db, CancellationToken ct)
    {
        var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (reply is null)
        {
            return Problems.NotFound("Canned reply");
        }

        return await SaveAsync(reply, body, db, isNew: false, ct) ?? TypedResults.Ok(CannedReplyDto.From(reply));
    }

    private static async Task<IResult> DeleteAsync(Guid id, TouchpointDbContext db, CancellationToken ct) =>
        await db.CannedReplies.Where(r => r.Id == id).ExecuteDeleteAsync(ct) == 0 ? Problems.NotFound("Canned reply") : TypedResults.NoContent();

    /// <summary>Checks and stores; returns a problem for the caller or null when saved.</summary>
    internal static async Task<IResult?> SaveAsync(CannedReply reply, CannedReplyRequest? body, TouchpointDbContext db, bool isNew, CancellationToken ct)
    {
        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var shortcut = body!.Shortcut!.Trim().TrimStart('/');
        if (await db.CannedReplies.AnyAsync(r => r.Shortcut == shortcut && r.Id != reply.Id, ct))
        {
            return ShortcutTaken(shortcut);
        }

        reply.Shortcut = shortcut;
        reply.Body = body.Body!;
        if (isNew)
        {
            db.CannedReplies.Add(reply);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two agents saved the same shortcut at once: the unique index kept one.
            db.ChangeTracker.Clear();
            return ShortcutTaken(shortcut);
        }

        return null;
    }

    public static Dictionary<string, string[]> Validate(CannedReplyRequest? body)
    {
        var errors = new Dictionary<string, string[]>();
        var shortcut = body?.Shortcut?.Trim().TrimStart('/');
        if (string.IsNullOrEmpty(shortcut) || shortcut.Length > 64 || !ShortcutPattern().IsMatch(shortcut))
        {
            errors["shortcut"] = ["Use 1 to 64 lower-case letters, digits and dashes, e.g. refund-policy."];
        }

        MessageText.Check(body?.Body, "body", errors);
        return errors;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ShortcutTaken(string shortcut) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "This shortcut is taken", detail: $"Another canned reply already uses /{shortcut}; pick another shortcut or edit that reply.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["shortcut"] = [$"/{shortcut} is taken."] } });

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ShortcutPattern();
}
