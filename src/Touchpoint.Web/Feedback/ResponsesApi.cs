using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Analytics.Metrics;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Feedback;

/// <summary>/api/v1/responses: list and read answers; submit one server-side.</summary>
internal static class ResponsesApi
{
    public static void MapResponsesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/responses", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name).WithTags("Responses");
        app.MapGet("/api/v1/responses/{id:long}", GetAsync).RequireAuthorization(Permission.ViewFeedback.Name).WithTags("Responses");
        app.MapPost("/api/v1/surveys/{id:guid}/responses", SubmitAsync).RequireAuthorization(Permission.SubmitResponses.Name).WithTags("Responses");
    }

    /// <summary>Newest first by submission time. <c>from</c> is inclusive, <c>to</c> exclusive; both ISO 8601 instants.</summary>
    private static async Task<Results<Ok<Page<ResponseDto>>, ValidationProblem>> ListAsync(TouchpointDbContext db, Guid? survey,
        DateTimeOffset? from, DateTimeOffset? to, Guid? segment, string? status, string? channel, Guid? touchpoint, string? band,
        string? sentiment, string? emotion, string? signal, string? topic, string? intent, string? cursor, int? limit, string? metric,
        HttpRequest request, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = Cursor.ReadLimit(limit, errors);
        if (!TimeCursor.TryDecode(cursor, out var after))
        {
            errors["cursor"] = [Cursor.BadCursor];
        }

        if (from is not null && to is not null && from >= to)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        if (segment is { } segmentId && !await db.Segments.AnyAsync(s => s.Id == segmentId, ct))
        {
            errors["segment"] = ["No segment with this id exists in your workspace."];
        }

        var filters = ResponseFilters.Read(status, channel, band, errors);
        var text = TextFilterQuery.Read(sentiment, emotion, signal, topic, intent, errors);
        // metric= makes this the drill-down of a number: exactly the answers GET /metrics/{metric} counted with the same filters.
        var counted = await DrillDown.ReadAsync(metric, request, db, clock, errors, ct);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        IQueryable<Response> query;
        if (counted is not null)
        {
            query = filters.Band is { } inBand ? ScoreBand.Filter(counted, inBand) : counted;
        }
        else
        {
            query = text.Apply(filters.Apply(db.Responses.AsNoTracking(), touchpoint), db);
            if (segment is { } memberOf)
            {
                // Current members (the Responses page and the export filter by the answer-time snapshot instead).
                query = query.Where(r => db.SegmentMembers.Any(m => m.SegmentId == memberOf && m.CustomerId == r.CustomerId));
            }

            query = ResponseFilters.InWindow(query, survey, from, to);
        }

        if (after is { } last)
        {
            query = query.Where(r => r.SubmittedAt < last.At || (r.SubmittedAt == last.At && r.Id < last.Id));
        }

        var rows = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        var next = rows.Count > take ? new TimeCursor(rows[take - 1].SubmittedAt, rows[take - 1].Id).Encode() : null;
        var page = rows.Take(take).ToList();
        var analyses = await StoredAnalyses.ForResponsesAsync(db, page.Select(r => r.Id).ToList(), ct);
        return TypedResults.Ok(new Page<ResponseDto>(
            page.Select(r => ResponseDto.From(r) with { Analysis = StoredAnalyses.ByField(analyses.GetValueOrDefault(r.Id)) }).ToList(), next));
    }

    private static async Task<Results<Ok<ResponseDto>, ProblemHttpResult>> GetAsync(long id, TouchpointDbContext db, CancellationToken ct)
    {
        var response = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (response is null)
        {
            return Problems.NotFound("Response");
        }

        var analyses = await StoredAnalyses.ForResponsesAsync(db, [id], ct);
        return TypedResults.Ok(ResponseDto.From(response) with { Analysis = StoredAnalyses.ByField(analyses.GetValueOrDefault(id)) });
    }

    private static async Task<Results<Created<ResponseDto>, ValidationProblem, ProblemHttpResult>> SubmitAsync(Guid id,
        SubmitResponseRequest? body, TouchpointDbContext db, LiveSurveys surveys, ResponseSubmission submission, CancellationToken ct)
    {
        if (await surveys.FindAsync(db, id, ct) is not var (survey, definition))
        {
            return Problems.NotFound("Survey");
        }

        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with 'answers' (question id to answer)."] });
        }

        var legacy = LegacyAnswers.From(definition, body);
        var result = await submission.SubmitAsync(survey, definition, new ResponseSubmission.Submission(legacy?.Answers ?? body.Answers ?? [],
            body.CustomerId, body.CustomerExternalId, body.InvitationToken, body.Channel, body.TouchPointId, body.Agent, body.OrderId,
            body.ConversationId, body.Language, body.SubmittedAt), ct);
        if (result.AlreadyAnswered)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This invitation has already been answered",
                detail: "An invitation takes one response; the first one is kept and this one was not stored.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]>
                    {
                        ["invitationToken"] = ["This invitation has already been answered."],
                    }
                });
        }

        if (result.Succeeded)
        {
            // The analyses were saved with the response: the answer shows them at once.
            var saved = result.Response!;
            return TypedResults.Created($"/api/v1/responses/{saved.Id}", ResponseDto.From(saved) with { Analysis = StoredAnalyses.ByField(result.Analyses) });
        }

        return Problems.Invalid(legacy?.Rename(result.Errors) ?? result.Errors);
    }
}
