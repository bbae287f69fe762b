using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Remedies;

/// <summary>Turns a <see cref="RemedyResult"/> into the HTTP answer: ProblemDetails for every refusal.</summary>
internal static class RemedyResults
{
    public static IResult ToHttp(RemedyResult result, Func<RemedyDto, IResult> done) => result.Outcome switch
    {
        RemedyOutcome.Done => done(RemedyDto.Of(result.Remedy!)),
        RemedyOutcome.Invalid => Problems.Invalid(result.Errors!),
        RemedyOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: result.Message),
        RemedyOutcome.Forbidden => Forbidden(result.Message!),
        RemedyOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided", detail: result.Message),
        RemedyOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The request changed", detail: result.Message),
        _ => throw new InvalidOperationException($"Unknown outcome {result.Outcome}."),
    };

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not within your authority", detail: detail);
}
