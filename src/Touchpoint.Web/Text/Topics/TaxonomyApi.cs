using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Core.Text.Workspace;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Text.Topics;

/// <summary>/api/v1/text/taxonomy: the workspace's topic tree, read and replaced whole.</summary>
internal static class TaxonomyApi
{
    public sealed record TaxonomyRequest(List<TaxonomyNode?>? Topics);

    public sealed record RescoringDto(int Done, int Total, bool Running);

    public sealed record TaxonomyDto(int Version, bool Custom, List<TaxonomyNode?> Topics, RescoringDto Rescoring)
    {
        public static TaxonomyDto From(WorkspaceTaxonomy.State state) => new(state.Version, state.Custom, state.Topics,
            new RescoringDto(state.Progress.Done, state.Progress.Total, state.Progress.Running));
    }

    public static void MapTaxonomyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/text/taxonomy").WithTags("Text");
        group.MapGet("/", GetAsync).RequireAuthorization(Permission.AnalyzeText.Name);
        group.MapPut("/", PutAsync).RequireAuthorization(Permission.ManageTopics.Name);
    }

    private static async Task<Ok<TaxonomyDto>> GetAsync(WorkspaceTaxonomy taxonomy, CancellationToken ct) =>
        TypedResults.Ok(TaxonomyDto.From(await taxonomy.LoadAsync(ct)));

    private static async Task<Results<Ok<TaxonomyDto>, ValidationProblem>> PutAsync(TaxonomyRequest? body, WorkspaceTaxonomy taxonomy,
        HttpContext http, CancellationToken ct)
    {
        var errors = await taxonomy.SaveAsync(body?.Topics, http.User.Actor(), ct);
        return errors.Count > 0
            ? Problems.Invalid(errors, "The taxonomy was not saved: some topics need fixing")
            : TypedResults.Ok(TaxonomyDto.From(await taxonomy.LoadAsync(ct)));
    }
}
