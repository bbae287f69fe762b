using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Customers.Import;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Customers;

/// <summary>
/// <c>POST /api/v1/customers/import</c> and <c>POST /api/v1/events/import</c>: a CSV file in, a
/// report out. 200 with the report whatever happened to single rows; 400 only when the file as a
/// whole is unusable (empty, no header, wrong encoding, a bad mapping); 413 over the size limit.
/// </summary>
internal static class CustomerImportApi
{
    public static void MapCustomerImportApi(this IEndpointRouteBuilder app, long maxBodyBytes)
    {
        app.MapPost("/api/v1/customers/import", (HttpContext http, CustomerImporter importer, IOptions<ImportLimitsOptions> limits,
                [FromQuery] bool? dryRun, [FromQuery] string[]? map, [FromQuery] string? encoding, CancellationToken ct) =>
                RunAsync(http, limits.Value, Options(http, dryRun, map, encoding), (file, options) => importer.ImportAsync(file, options, ct: ct), ct))
            .RequireAuthorization(Permission.ManageSurveys.Name).WithTags("Customers")
            .WithMetadata(new RequestSizeLimitAttribute(maxBodyBytes)).DisableAntiforgery();
        app.MapPost("/api/v1/events/import", (HttpContext http, EventImporter importer, IOptions<ImportLimitsOptions> limits,
                [FromQuery] bool? dryRun, [FromQuery] string[]? map, [FromQuery] string? encoding, CancellationToken ct) =>
                RunAsync(http, limits.Value, Options(http, dryRun, map, encoding), (file, options) => importer.ImportAsync(file, options, ct: ct), ct))
            .RequireAuthorization(Permission.ManageSurveys.Name).WithTags("Customers")
            .WithMetadata(new RequestSizeLimitAttribute(maxBodyBytes)).DisableAntiforgery();
    }

    /// <summary><c>map</c> may repeat, and each may hold several <c>column=field</c> pairs separated by commas.</summary>
    private static ImportOptions Options(HttpContext http, bool? dryRun, string[]? map, string? encoding) =>
        new(dryRun ?? false, [.. (map ?? []).SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            encoding, http.User.Actor());

    private static async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> RunAsync(HttpContext http,
        ImportLimitsOptions limits, ImportOptions options, Func<Stream, ImportOptions, Task<ImportReport>> import, CancellationToken ct)
    {
        try
        {
            await using var file = await ImportUpload.SpoolAsync(http.Request, limits.MaxFileBytes, ct);
            return TypedResults.Ok(await import(file, options));
        }
        catch (ImportFileException unusable)
        {
            return Problems.Invalid(new() { [unusable.Field] = [unusable.Message] }, "This file cannot be imported");
        }
        catch (ImportUpload.TooLargeException tooLarge)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large",
                detail: $"Import files are limited to {tooLarge.Limit} bytes. Split the file and import the parts.");
        }
    }
}
