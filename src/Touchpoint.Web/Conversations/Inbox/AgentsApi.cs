using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations;

/// <summary>/api/v1/agents: members with their presence and load; the signed-in agent's own status.</summary>
internal static class AgentsApi
{
    public static void MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agents").WithTags("Agents");
        group.MapGet("", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapGet("/me/status", GetMineAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapPut("/me/status", PutMineAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapPut("/{userId:guid}/status", PutAgentAsync).RequireAuthorization(Permission.HandleConversations.Name);
    }

    internal sealed record AgentDto(Guid UserId, string Name, string Email, string Role, string Presence, bool Available, int Capacity, int Open,
        DateTime? LastSeenAt);

    internal sealed record StatusRequest(string? Presence, int? Capacity);

    internal sealed record StatusDto(string Presence, int Capacity, DateTime? LastSeenAt, bool Available);

    public static async Task<List<AgentDto>> AllAsync(TouchpointDbContext db, DateTime now, CancellationToken ct)
    {
        var members = await db.Memberships.AsNoTracking().Join(db.Users, m => m.UserId, u => u.Id,
            (m, u) => new { m.UserId, u.DisplayName, u.Email, m.Role }).ToListAsync(ct);
        var statuses = await db.AgentStatuses.AsNoTracking().ToListAsync(ct);
        var open = await db.Conversations.Where(c => c.AssigneeId != null && c.Status != ConversationStatus.Resolved)
            .GroupBy(c => c.AssigneeId!.Value).Select(g => new { UserId = g.Key, Count = g.Count() }).ToListAsync(ct);
        return members.Select(m =>
        {
            var status = statuses.FirstOrDefault(s => s.UserId == m.UserId) ?? new AgentStatus { UserId = m.UserId };
            var count = open.FirstOrDefault(o => o.UserId == m.UserId)?.Count ?? 0;
            var presence = Effective(status, now);
            return new AgentDto(m.UserId, string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email ?? "" : m.DisplayName, m.Email ?? "",
                JsonNames.Of(m.Role), JsonNames.Of(presence), presence == Presence.Online && count < status.Capacity, status.Capacity, count,
                status.LastSeenAt);
        }).OrderBy(a => a.Name).ToList();
    }

    /// <summary>Online without a heartbeat within the timeout counts as offline: a closed laptop does not take chats.</summary>
    public static Presence Effective(AgentStatus status, DateTime now) =>
        status.Presence != Presence.Offline && (status.LastSeenAt is not { } seen || now - seen > ConversationAssigner.PresenceTimeout)
            ? Presence.Offline
            : status.Presence;

    private static async Task<IResult> ListAsync(TouchpointDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(new Page<AgentDto>(await AllAsync(db, clock.GetUtcNow().UtcDateTime, ct), null));

    private static async Task<IResult> GetMineAsync(ClaimsPrincipal user, TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (user.UserId() is not { } me)
        {
            return NotAnAgent();
        }

        var status = await db.AgentStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == me, ct) ?? new AgentStatus { UserId = me };
        return TypedResults.Ok(Dto(status, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>Sets presence and capacity, and heartbeats: the inbox page calls it every 30 seconds while open.</summary>
    private static async Task<IResult> PutMineAsync(StatusRequest? body, ClaimsPrincipal user, AgentPresence presence, TimeProvider clock,
        CancellationToken ct)
    {
        if (user.UserId() is not { } me)
        {
            return NotAnAgent();
        }

        var errors = new Dictionary<string, string[]>();
        var chosen = EnumField.Read<Presence>(body?.Presence, "presence", errors);
        if (body?.Capacity is < 0 or > 100)
        {
            errors["capacity"] = ["Use a capacity from 0 to 100 open conversations."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var status = await presence.SetAsync(me, chosen, body?.Capacity, ct);
        return TypedResults.Ok(Dto(status, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>For integrations (a phone system, a workforce tool) that set an agent's presence with an API key.</summary>
    private static async Task<IResult> PutAgentAsync(Guid userId, StatusRequest? body, TouchpointDbContext db, AgentPresence presence,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Memberships.AnyAsync(m => m.UserId == userId, ct))
        {
            return Problems.NotFound("Agent");
        }

        var errors = new Dictionary<string, string[]>();
        var chosen = EnumField.Read<Presence>(body?.Presence, "presence", errors);
        if (body?.Capacity is < 0 or > 100)
        {
            errors["capacity"] = ["Use a capacity from 0 to 100 open conversations."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(Dto(await presence.SetAsync(userId, chosen, body?.Capacity, ct), clock.GetUtcNow().UtcDateTime));
    }

    private static StatusDto Dto(AgentStatus s, DateTime now) => new(JsonNames.Of(s.Presence), s.Capacity, s.LastSeenAt, Effective(s, now) == Presence.Online);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotAnAgent() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only members have a status",
        detail: "Presence belongs to a signed-in member; an API key has none.");
}
