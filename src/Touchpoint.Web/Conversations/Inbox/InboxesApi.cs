using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations;

/// <summary>/api/v1/inboxes: where conversations arrive, who answers them, when, and how they are assigned.</summary>
internal static class InboxesApi
{
    public static void MapInboxesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inboxes").WithTags("Inboxes");
        group.MapGet("", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("", CreateAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapPost("/{id:guid}/identity-secret", RotateSecretAsync).RequireAuthorization(Permission.HandleConversations.Name);
    }

    internal sealed record InboxDto(Guid Id, string Name, string Kind, string WidgetKey, string Snippet, string? Greeting, string? OfflineMessage,
        string Color, bool PreChatForm, string Assignment, BusinessHoursInput? BusinessHours, bool CsatEnabled, Guid? FollowUpSurveyId,
        string? EmailAddress, IReadOnlyList<Guid> Agents, DateTime CreatedAt, string? IdentitySecret);

    public static string Snippet(HttpContext http, Inbox inbox) =>
        $"<script src=\"{PublicUrls.Base(http)}/chat/widget.js\" data-inbox=\"{inbox.WidgetKey}\" async></script>";

    private static InboxDto Dto(HttpContext http, Inbox i, IReadOnlyList<Guid> agents, bool withSecret = false) => new(i.Id, i.Name,
        JsonNames.Of(i.Kind), i.WidgetKey, Snippet(http, i), i.Greeting, i.OfflineMessage, i.Color, i.PreChatForm, JsonNames.Of(i.Assignment),
        BusinessHoursInput.From(BusinessHours.FromJson(i.BusinessHours)), i.CsatEnabled, i.FollowUpSurveyId, i.EmailAddress, agents, i.CreatedAt,
        withSecret ? i.IdentitySecret : null);

    private static async Task<IResult> ListAsync(TouchpointDbContext db, HttpContext http, CancellationToken ct)
    {
        var inboxes = await db.Inboxes.AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        var agents = await db.InboxAgents.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(new Page<InboxDto>(inboxes.Select(i => Dto(http, i, agents.Where(a => a.InboxId == i.Id).Select(a => a.UserId).ToList()))
            .ToList(), null));
    }

    private static async Task<IResult> GetAsync(Guid id, TouchpointDbContext db, HttpContext http, CancellationToken ct)
    {
        var inbox = await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return inbox is null ? Problems.NotFound("Inbox") : TypedResults.Ok(Dto(http, inbox, await AgentsOfAsync(db, id, ct)));
    }

    private static async Task<IResult> CreateAsync(InboxSettings? body, TouchpointDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with at least 'name'."] });
        }

        var inbox = new Inbox
        {
            Name = "",
            WidgetKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            IdentitySecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var errors = body.ApplyTo(inbox);
        await CheckReferencesAsync(db, body, errors, ct);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        db.Inboxes.Add(inbox);
        SetAgents(db, inbox.Id, [], body.Agents ?? []);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/inboxes/{inbox.Id}", Dto(http, inbox, await AgentsOfAsync(db, inbox.Id, ct), withSecret: true));
    }

    private static async Task<IResult> UpdateAsync(Guid id, InboxSettings? body, TouchpointDbContext db, HttpContext http, CancellationToken ct)
    {
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inbox is null)
        {
            return Problems.NotFound("Inbox");
        }

        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send the inbox's settings as JSON."] });
        }

        var errors = body.ApplyTo(inbox);
        await CheckReferencesAsync(db, body, errors, ct);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (body.Agents is { } agents)
        {
            SetAgents(db, id, await db.InboxAgents.Where(a => a.InboxId == id).ToListAsync(ct), agents);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Dto(http, inbox, await AgentsOfAsync(db, id, ct)));
    }

    private static async Task<IResult> DeleteAsync(Guid id, TouchpointDbContext db, CancellationToken ct)
    {
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inbox is null)
        {
            return Problems.NotFound("Inbox");
        }

        if (await db.Conversations.AnyAsync(c => c.InboxId == id, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This inbox has conversations",
                detail: "An inbox with conversations keeps their history; remove its agents or its widget snippet instead of deleting it.");
        }

        db.Inboxes.Remove(inbox);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>A new secret for identified visitors; sites must sign user ids with it from now on.</summary>
    private static async Task<IResult> RotateSecretAsync(Guid id, TouchpointDbContext db, CancellationToken ct)
    {
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inbox is null)
        {
            return Problems.NotFound("Inbox");
        }

        inbox.IdentitySecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new { identitySecret = inbox.IdentitySecret });
    }

    private static async Task CheckReferencesAsync(TouchpointDbContext db, InboxSettings body, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (body.FollowUpSurveyId is { } survey && !await db.Surveys.AnyAsync(s => s.Id == survey, ct))
        {
            errors["followUpSurveyId"] = ["No survey with this id exists in your workspace."];
        }

        var agents = (body.Agents ?? []).Distinct().ToList();
        var members = await db.Memberships.Where(m => agents.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
        var unknown = agents.Except(members).ToList();
        if (unknown.Count > 0)
        {
            errors["agents"] = [$"These ids are not members of this workspace: {string.Join(", ", unknown)}."];
        }
    }

    private static void SetAgents(TouchpointDbContext db, Guid inboxId, List<InboxAgent> current, List<Guid> wanted)
    {
        db.InboxAgents.RemoveRange(current.Where(a => !wanted.Contains(a.UserId)));
        foreach (var user in wanted.Distinct().Where(u => current.All(a => a.UserId != u)))
        {
            db.InboxAgents.Add(new InboxAgent { InboxId = inboxId, UserId = user });
        }
    }

    internal static async Task<List<Guid>> AgentsOfAsync(TouchpointDbContext db, Guid inboxId, CancellationToken ct) =>
        await db.InboxAgents.AsNoTracking().Where(a => a.InboxId == inboxId).Select(a => a.UserId).ToListAsync(ct);
}
