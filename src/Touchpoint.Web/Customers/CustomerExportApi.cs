using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers.Export;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Customers;

/// <summary>
/// <c>GET /api/v1/customers/export</c> and <c>GET /api/v1/events/export</c>, streamed as CSV or a
/// JSON array. The same downloads are served to signed-in members under <c>/customers/export/...</c>
/// for the links on the import page. Each export is written to the audit log.
/// </summary>
internal static class CustomerExportApi
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void MapCustomerExportApi(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in (string[])["/api/v1", ""])
        {
            var customers = prefix.Length > 0 ? "/api/v1/customers/export" : "/customers/export/customers";
            var events = prefix.Length > 0 ? "/api/v1/events/export" : "/customers/export/events";
            app.MapGet(customers, ExportCustomersAsync).RequireAuthorization(Permission.ViewFeedback.Name).WithTags("Customers");
            app.MapGet(events, ExportEventsAsync).RequireAuthorization(Permission.ViewFeedback.Name).WithTags("Customers");
        }
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportCustomersAsync(HttpContext http,
        TouchpointDbContext db, AuditLog audit, CustomerExporter exporter, string? format, Guid? segment, CancellationToken ct)
    {
        if (Format(format) is not { } kind)
        {
            return Problems.Invalid(new() { ["format"] = [BadFormat] });
        }

        if (segment is { } id && !await db.Segments.AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound("Segment");
        }

        audit.Record(http.User.Actor(), "customers.exported", segment is { } s ? $"segment:{s}" : "customers", kind);
        await db.SaveChangesAsync(ct);
        return kind == "csv"
            ? TypedResults.Stream(async body =>
            {
                await using var writer = new StreamWriter(body, Utf8);
                await exporter.WriteCsvAsync(writer, segment, http.RequestAborted);
            }, "text/csv; charset=utf-8", "customers.csv")
            : TypedResults.Stream(body => exporter.WriteJsonAsync(body, segment, http.RequestAborted), "application/json", "customers.json");
    }

    /// <summary><c>from</c> is inclusive, <c>to</c> exclusive, on the time each event happened.</summary>
    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportEventsAsync(HttpContext http, TouchpointDbContext db,
        AuditLog audit, EventExporter exporter, string? format, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = Format(format);
        if (kind is null)
        {
            errors["format"] = [BadFormat];
        }

        if (from is not null && to is not null && from >= to)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var (start, end) = (from?.UtcDateTime, to?.UtcDateTime);
        audit.Record(http.User.Actor(), "events.exported", "events", $"{kind} {start:O}..{end:O}");
        await db.SaveChangesAsync(ct);
        return kind == "csv"
            ? TypedResults.Stream(async body =>
            {
                await using var writer = new StreamWriter(body, Utf8);
                await exporter.WriteCsvAsync(writer, start, end, http.RequestAborted);
            }, "text/csv; charset=utf-8", "events.csv")
            : TypedResults.Stream(body => exporter.WriteJsonAsync(body, start, end, http.RequestAborted), "application/json", "events.json");
    }

    private static string? Format(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" or "csv" => "csv",
        "json" => "json",
        _ => null,
    };

    private const string BadFormat = "Use format=csv or format=json.";
}
