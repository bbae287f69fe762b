using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations;

/// <summary>/api/v1/teams: groups of agents a conversation can be transferred to.</summary>
internal static class TeamsApi
{
    public static void MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/teams").WithTags("Teams");
        group.MapGet("", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("", CreateAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapPost("/{id:guid}/members", AddMemberAsync).RequireAuthorization(Permission.HandleConversations.Name);
        group.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMemberAsync).RequireAuthorization(Permission.HandleConversations.Name);
    }

    internal sealed record TeamDto(Guid Id, string Name, IReadOnlyList<Guid> Members, DateTime CreatedAt);

    internal sealed record TeamRequest(string? Name, List<Guid>? Members);

    internal sealed record MemberRequest(Guid? UserId);

    public static async Task<List<TeamDto>> AllAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var members = await db.TeamMembers.AsNoTracking().ToListAsync(ct);
        return teams.Select(t => new TeamDto(t.Id, t.Name, members.Where(m => m.TeamId == t.Id).Select(m => m.UserId).ToList(), t.CreatedAt)).ToList();
    }

    private static async Task<IResult> ListAsync(TouchpointDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new Page<TeamDto>(await AllAsync(db, ct), null));

    private static async Task<IResult> CreateAsync(TeamRequest? body, TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = body?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["Give the team a name of 1 to 200 characters."];
        }
        else if (await db.Teams.AnyAsync(t => t.Name == name, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A team with this name exists",
                detail: "Team names are unique in a workspace; pick another name.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["name"] = ["This name is taken."] } });
        }

        var wanted = (body?.Members ?? []).Distinct().ToList();
        var known = await db.Memberships.Where(m => wanted.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
        if (wanted.Except(known).Any())
        {
            errors["members"] = [$"These ids are not members of this workspace: {string.Join(", ", wanted.Except(known))}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var team = new Team { Name = name!, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Teams.Add(team);
        db.TeamMembers.AddRange(wanted.Select(u => new TeamMember { TeamId = team.Id, UserId = u }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", new TeamDto(team.Id, team.Name, wanted, team.CreatedAt));
    }

    private static async Task<IResult> DeleteAsync(Guid id, TouchpointDbContext db, CancellationToken ct)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Problems.NotFound("Team");
        }

        db.Teams.Remove(team);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AddMemberAsync(Guid id, MemberRequest? body, TouchpointDbContext db, CancellationToken ct)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == id, ct))
        {
            return Problems.NotFound("Team");
        }

        if (body?.UserId is not { } user || !await db.Memberships.AnyAsync(m => m.UserId == user, ct))
        {
            return Problems.Invalid(new() { ["userId"] = ["Send the id of a member of this workspace (see GET /api/v1/agents)."] });
        }

        if (!await db.TeamMembers.AnyAsync(m => m.TeamId == id && m.UserId == user, ct))
        {
            db.TeamMembers.Add(new TeamMember { TeamId = id, UserId = user });
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveMemberAsync(Guid id, Guid userId, TouchpointDbContext db, CancellationToken ct)
    {
        var removed = await db.TeamMembers.Where(m => m.TeamId == id && m.UserId == userId).ExecuteDeleteAsync(ct);
        return removed == 0 ? Problems.NotFound("Team member") : TypedResults.NoContent();
    }
}
