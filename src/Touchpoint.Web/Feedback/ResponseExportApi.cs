using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Web.Analytics.Dashboards;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Feedback;

/// <summary>
/// <c>GET /api/v1/responses/export?format=csv|json|ndjson&amp;survey=&amp;from=&amp;to=</c>, streamed, oldest
/// first. The same download is served to signed-in members at <c>/responses/export</c> for the buttons
/// on the Responses page. Each export is written to the audit log.
/// </summary>
internal static class ResponseExportApi
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly string[] Formats = ["csv", "json", "ndjson"];

    public static void MapResponseExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/responses/export", ExportAsync).RequireAuthorization(Permission.ViewFeedback.Name).WithTags("Responses");
        app.MapGet("/responses/export", ExportAsync).RequireAuthorization(Permission.ViewFeedback.Name).ExcludeFromDescription();
    }

    /// <summary><c>from</c> is inclusive, <c>to</c> exclusive (ISO 8601 instants, or dates at midnight UTC).</summary>
    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportAsync(HttpContext http, TouchpointDbContext db,
        AuditLog audit, string? format, Guid? survey, DateTimeOffset? from, DateTimeOffset? to, string? status, string? channel,
        Guid? touchpoint, string? band, Guid? segment, string? sentiment, string? emotion, string? signal, string? topic, string? intent,
        CancellationToken ct, string? metric = null, Guid? persona = null, Guid? stage = null, string? agent = null, Guid? team = null,
        string? language = null, string? trait = null, string? traitValue = null)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = string.IsNullOrEmpty(format) ? "csv" : format.ToLowerInvariant();
        if (!Formats.Contains(kind))
        {
            errors["format"] = ["Use format=csv, json (one array) or ndjson (one object per line)."];
        }

        if (from is not null && to is not null && from >= to)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        var filters = ResponseFilters.Read(status, channel, band, errors);
        var text = TextFilterQuery.Read(sentiment, emotion, signal, topic, intent, errors);
        // The Responses page's drill-down filters: with them the export holds exactly the answers the page lists.
        var measure = MeasureFilters.Read(metric, persona, stage, agent, team, language, trait, traitValue, errors);
        var definitions = survey is { } surveyId
            ? await db.Surveys.AsNoTracking().Where(s => s.Id == surveyId).Select(s => s.Definition).ToListAsync(ct)
            : await db.Surveys.AsNoTracking().OrderBy(s => s.CreatedAt).Select(s => s.Definition).ToListAsync(ct);
        if (survey is not null && definitions.Count == 0)
        {
            errors["survey"] = ["No survey with this id exists in your workspace."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var query = text.Apply(filters.Apply(db.Responses.AsNoTracking(), touchpoint), db);
        if (!measure.IsEmpty)
        {
            // As the Responses page reads them: the answers MetricAnswers counts, segment included, then the score band.
            query = measure.Apply(db, (from?.UtcDateTime ?? MeasureFilters.Earliest, to?.UtcDateTime ?? MeasureFilters.Latest), survey, touchpoint,
                filters.Channel, segment, text).AsNoTracking();
            query = filters.Band is { } chosenBand ? ScoreBand.Filter(query, chosenBand) : query;
            segment = null;
        }

        query = ResponseFilters.InWindow(query, survey, from, to);

        if (segment is { } segmentId)
        {
            // As the customer was when they answered: the response's snapshot names the segments they were in.
            var needle = segmentId.ToString("D");
            query = query.Where(r => r.Snapshot != null && r.Snapshot.Contains(needle));
        }

        audit.Record(http.User.Actor(), "responses.exported", survey is { } s ? $"survey:{s}" : "responses", $"{kind} {from:O}..{to:O}");
        await db.SaveChangesAsync(ct);
        var name = survey is { } named ? $"responses-{named}" : "responses";
        if (kind == "csv")
        {
            var questions = definitions.SelectMany(d => SurveyDefinition.FromJson(d).Questions.Select(q => q.Id)).Distinct(StringComparer.Ordinal).ToList();
            return TypedResults.Stream(async body =>
            {
                await using var writer = new StreamWriter(body, Utf8);
                await ResponseExporter.WriteCsvAsync(query, questions, writer, db, http.RequestAborted);
            }, "text/csv; charset=utf-8", name + ".csv");
        }

        return TypedResults.Stream(body => ResponseExporter.WriteJsonAsync(query, body, kind == "ndjson", db, http.RequestAborted),
            kind == "ndjson" ? "application/x-ndjson" : "application/json", name + (kind == "ndjson" ? ".ndjson" : ".json"));
    }
}
