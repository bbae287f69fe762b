using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Workspace;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Text.Topics;

/// <summary>/api/v1/text/classifier: the workspace's classifier, trained on the topic labels people put on texts.</summary>
internal static class ClassifierApi
{
    public sealed record ClassifierDto(bool Trained, DateTime? TrainedAt, int Examples, double? Accuracy);

    public sealed record TrainingDto(int Examples, IReadOnlyList<string> Topics, double Accuracy, int HeldOut, DateTime TrainedAt);

    public static void MapClassifierApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/text/classifier").WithTags("Text");
        group.MapGet("/", GetAsync).RequireAuthorization(Permission.AnalyzeText.Name);
        group.MapPost("/train", TrainAsync).RequireAuthorization(Permission.ManageTopics.Name);
    }

    private static async Task<Ok<ClassifierDto>> GetAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var settings = await db.TextSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new ClassifierDto(settings?.ClassifierModel is not null, settings?.ClassifierTrainedAt,
            settings?.ClassifierExamples ?? 0, settings?.ClassifierAccuracy));
    }

    private static async Task<Results<Ok<TrainingDto>, ProblemHttpResult>> TrainAsync(ClassifierTraining training, HttpContext http, CancellationToken ct)
    {
        var outcome = await training.TrainAsync(http.User.Actor(), ct);
        return outcome.Refusal is { } refusal
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not enough labelled texts to train the classifier", detail: refusal)
            : TypedResults.Ok(new TrainingDto(outcome.Examples, outcome.Topics, Math.Round(outcome.Accuracy, 4), outcome.HeldOut, outcome.TrainedAt));
    }
}
