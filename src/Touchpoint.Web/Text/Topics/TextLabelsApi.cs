using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Workspace;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Text.Topics;

/// <summary>/api/v1/text/analyses/{id}/labels: the labels of one analysed text; people add and remove topic labels.</summary>
internal static class TextLabelsApi
{
    public sealed record LabelRequest(string? Topic);

    public sealed record LabelDto(long Id, string Kind, string Value, string Origin, double Confidence, Guid? CreatedBy, DateTime CreatedAt)
    {
        public static LabelDto From(TextLabel l) =>
            new(l.Id, Camel(l.Kind.ToString()), l.Value, Camel(l.Origin.ToString()), l.Confidence, l.CreatedBy, l.CreatedAt);

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static void MapTextLabelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/text/analyses/{id:long}/labels").WithTags("Text");
        group.MapGet("/", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("/", AddAsync).RequireAuthorization(Permission.ManageTopics.Name);
        group.MapDelete("/{labelId:long}", RemoveAsync).RequireAuthorization(Permission.ManageTopics.Name);
    }

    private static async Task<Results<Ok<List<LabelDto>>, ProblemHttpResult>> ListAsync(long id, TouchpointDbContext db, CancellationToken ct)
    {
        if (!await db.AnalyzedTexts.AnyAsync(t => t.Id == id, ct))
        {
            return Problems.NotFound("Analysis");
        }

        var labels = await db.TextLabels.AsNoTracking().Where(l => l.AnalyzedTextId == id).OrderBy(l => l.Id).ToListAsync(ct);
        return TypedResults.Ok(labels.Select(LabelDto.From).ToList());
    }

    private static async Task<Results<Created<LabelDto>, ValidationProblem, ProblemHttpResult>> AddAsync(long id, LabelRequest? body,
        TopicLabels labels, HttpContext http, CancellationToken ct)
    {
        if (TopicLabels.Problem(body?.Topic) is { } problem)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["topic"] = [problem] });
        }

        var label = await labels.AddAsync(id, body!.Topic!, http.User.UserId(), ct);
        return label is null
            ? Problems.NotFound("Analysis")
            : TypedResults.Created($"/api/v1/text/analyses/{id}/labels/{label.Id}", LabelDto.From(label));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long id, long labelId, TopicLabels labels, CancellationToken ct) =>
        await labels.RemoveAsync(id, labelId, ct) switch
        {
            TopicLabels.Removal.Removed => TypedResults.NoContent(),
            TopicLabels.Removal.NotAPersonsLabel => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Only labels people added can be removed",
                detail: "This label comes from the taxonomy rules or the classifier and follows them: change the rules on Settings > Topics."),
            _ => Problems.NotFound("Label"),
        };
}
