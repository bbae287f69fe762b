using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Touchpoint.Web.Platform;

/// <summary>
/// Turns unreadable input (malformed JSON, wrong types, bodies over the limit) into a 4xx
/// ProblemDetails that names the field, instead of a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var status = bad.StatusCode;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "The request could not be read",
            Detail = status == StatusCodes.Status413PayloadTooLarge
                ? "Send a smaller body; see the limits in docs/api.md."
                : Describe(bad),
        };
        if (FindJsonError(bad) is { } json)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]>
            {
                [FieldName(json.Path)] = [json.Message],
            };
        }
        else if (ParameterBinding.Describe(bad.Message) is { } parameter)
        {
            problem.Detail = parameter.Message;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [parameter.Name] = [parameter.Message] };
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static JsonError? FindJsonError(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return new JsonError(json.Path ?? "$", json.Path is null or "$"
                    ? "The body is not valid JSON."
                    : $"This value has the wrong type or format (at {json.Path}).");
            }
        }

        return null;
    }

    private static string Describe(BadHttpRequestException bad) =>
        FindJsonError(bad) is { } json && json.Path is not "$"
            ? $"The JSON body has a value of the wrong type at {json.Path}."
            : bad.InnerException is JsonException ? "The body is not valid JSON." : bad.Message;

    /// <summary>"$.score" becomes "score"; "$.items[2].name" becomes "items[2].name".</summary>
    private static string FieldName(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private sealed record JsonError(string Path, string Message);
}

/// <summary>Shapes for field errors that handlers return.</summary>
internal static class Problems
{
    public static ValidationProblem Invalid(Dictionary<string, string[]> errors, string title = "Some fields need fixing") =>
        TypedResults.ValidationProblem(errors, title: title);

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found",
            detail: $"No {what.ToLowerInvariant()} with this id exists in your workspace.");
}
