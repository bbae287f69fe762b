using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Segments;

/// <summary>/api/v1/segments: dynamic segments and static lists, their members, previews and recomputes.</summary>
internal static class SegmentsApi
{
    public static void MapSegmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/segments").WithTags("Segments");
        group.MapGet("/", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("/", CreateAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapPost("/preview", PreviewAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapGet("/{id:guid}/members", MembersAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("/{id:guid}/members", AddMembersAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapDelete("/{id:guid}/members", RemoveMembersAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapPost("/{id:guid}/recompute", RecomputeAsync).RequireAuthorization(Permission.ManageSegments.Name);
    }

    private static async Task<Ok<Page<SegmentDto>>> ListAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return TypedResults.Ok(new Page<SegmentDto>(segments.Select(SegmentDto.From).ToList(), null));
    }

    private static async Task<Results<Ok<SegmentDto>, ProblemHttpResult>> GetAsync(Guid id, TouchpointDbContext db, CancellationToken ct)
    {
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return segment is null ? Problems.NotFound("Segment") : TypedResults.Ok(SegmentDto.From(segment));
    }

    private static async Task<Results<Created<SegmentDto>, ValidationProblem>> CreateAsync(SegmentRequest? body, SegmentService segments,
        CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with 'name' and, for a dynamic segment, 'rule'."] });
        }

        var outcome = await segments.CreateAsync(new SegmentService.Input(body.Name, body.Description, body.Kind, body.Rule), ct);
        return outcome.Errors.Count > 0
            ? Problems.Invalid(outcome.Errors)
            : TypedResults.Created($"/api/v1/segments/{outcome.Segment!.Id}", SegmentDto.From(outcome.Segment));
    }

    private static async Task<Results<Ok<SegmentDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id, SegmentRequest? body,
        SegmentService segments, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with 'name' and, for a dynamic segment, 'rule'."] });
        }

        var outcome = await segments.UpdateAsync(id, new SegmentService.Input(body.Name, body.Description, body.Kind, body.Rule), ct);
        if (outcome.Segment is null)
        {
            return Problems.NotFound("Segment");
        }

        return outcome.Errors.Count > 0 ? Problems.Invalid(outcome.Errors) : TypedResults.Ok(SegmentDto.From(outcome.Segment));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, SegmentService segments, CancellationToken ct) =>
        await segments.DeleteAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("Segment");

    private static async Task<Results<Ok<Page<MemberDto>>, ValidationProblem, ProblemHttpResult>> MembersAsync(Guid id, string? cursor, int? limit,
        TouchpointDbContext db, SegmentService segments, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = Cursor.ReadLimit(limit, errors);
        Guid? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (Guid.TryParse(Cursor.DecodeText(cursor), out var last))
            {
                after = last;
            }
            else
            {
                errors["cursor"] = [Cursor.BadCursor];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await db.Segments.AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound("Segment");
        }

        var (rows, next) = await segments.MembersAsync(id, after, take, ct);
        return TypedResults.Ok(new Page<MemberDto>(rows.Select(r => new MemberDto(r.Id, r.ExternalId, r.Name, r.Email, r.AddedAt)).ToList(),
            next is { } n ? Cursor.EncodeText(n.ToString()) : null));
    }

    private static Task<Results<Ok<SegmentService.ListChange>, ValidationProblem, ProblemHttpResult>> AddMembersAsync(Guid id,
        MemberListRequest? body, TouchpointDbContext db, SegmentService segments, CancellationToken ct) =>
        ChangeMembersAsync(id, body, db, segments, add: true, ct);

    private static Task<Results<Ok<SegmentService.ListChange>, ValidationProblem, ProblemHttpResult>> RemoveMembersAsync(Guid id,
        [FromBody] MemberListRequest? body, TouchpointDbContext db, SegmentService segments, CancellationToken ct) =>
        ChangeMembersAsync(id, body, db, segments, add: false, ct);

    private static async Task<Results<Ok<SegmentService.ListChange>, ValidationProblem, ProblemHttpResult>> ChangeMembersAsync(Guid id,
        MemberListRequest? body, TouchpointDbContext db, SegmentService segments, bool add, CancellationToken ct)
    {
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null)
        {
            return Problems.NotFound("Segment");
        }

        if (segment.Kind != SegmentKind.Static)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Members of a dynamic segment come from its rule",
                detail: "Change the rule, or create a static list to add and remove customers by hand.");
        }

        var count = (body?.CustomerIds?.Count ?? 0) + (body?.ExternalIds?.Count ?? 0);
        if (count is 0 or > 10_000)
        {
            return Problems.Invalid(new() { ["customerIds"] = ["Send 1 to 10000 ids in 'customerIds' or 'externalIds'."] });
        }

        var change = add
            ? await segments.AddToListAsync(segment, body!.CustomerIds, body.ExternalIds, ct)
            : await segments.RemoveFromListAsync(segment, body!.CustomerIds, body.ExternalIds, ct);
        return TypedResults.Ok(change);
    }

    private static async Task<Results<Ok<PreviewDto>, ValidationProblem>> PreviewAsync(RuleRequest? body, SegmentRuleValidator validator,
        SegmentService segments, CancellationToken ct)
    {
        var result = await validator.CheckAsync(body?.Rule, "rule", ct: ct);
        return result.IsValid ? TypedResults.Ok(new PreviewDto(await segments.PreviewAsync(result.Rule!, ct))) : Problems.Invalid(result.Errors);
    }

    private static async Task<Results<Ok<RecomputeDto>, ProblemHttpResult>> RecomputeAsync(Guid id, SegmentService segments, CancellationToken ct) =>
        await segments.RecomputeAsync(id, ct) is { } done
            ? TypedResults.Ok(new RecomputeDto(done.MemberCount, done.ElapsedMs))
            : Problems.NotFound("Segment");

    internal sealed record PreviewDto(int Count);

    internal sealed record RecomputeDto(int MemberCount, long ElapsedMs);
}
