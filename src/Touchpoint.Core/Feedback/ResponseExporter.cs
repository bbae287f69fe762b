using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers.Export;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Streams responses oldest first in batches (keyset on submission time and id), as CSV with one
/// column per question or as JSON (an array, or one object per line). Respondents' text is written
/// as text; in CSV a cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
/// Each row carries what the analyser found in its free-text answers (sentiment, emotions, signals, topics).
/// </summary>
public sealed class ResponseExporter
{
    private const int Batch = 1000;

    /// <summary>The context columns before the answers, in this order.</summary>
    public static readonly IReadOnlyList<string> ContextColumns =
    [
        "responseId", "surveyId", "version", "status", "startedAt", "submittedAt", "durationSeconds", "metric", "headlineScore",
        "channel", "touchPointId", "journeyStageId", "customerId", "agent", "orderId", "conversationId", "language", "device",
    ];

    /// <summary>A question column is named by its id; one that clashes with a context column is prefixed "answer:".</summary>
    public static string ColumnOf(string questionId) => ContextColumns.Contains(questionId) || questionId == "otherAnswers" ? "answer:" + questionId : questionId;

    public static async Task WriteCsvAsync(IQueryable<Response> query, IReadOnlyList<string> questionIds, TextWriter output, TouchpointDbContext db,
        CancellationToken ct)
    {
        using var chunk = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(chunk, CultureInfo.InvariantCulture);
        foreach (var column in ContextColumns.Concat(questionIds.Select(ColumnOf)).Append("otherAnswers").Concat(ResponseTextSummary.Columns))
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        var known = questionIds.ToHashSet(StringComparer.Ordinal);
        await foreach (var (r, text) in ReadAsync(query, db, ct))
        {
            foreach (var value in Context(r))
            {
                csv.WriteField(value);
            }

            using var answers = JsonDocument.Parse(string.IsNullOrEmpty(r.Answers) ? "{}" : r.Answers);
            foreach (var id in questionIds)
            {
                csv.WriteField(answers.RootElement.TryGetProperty(id, out var value) ? Safe(Cell(value)) : "");
            }

            var others = answers.RootElement.EnumerateObject().Where(p => !known.Contains(p.Name)).ToList();
            csv.WriteField(others.Count == 0 ? "" : Safe("{" + string.Join(",", others.Select(p => p.ToString())) + "}"));
            csv.WriteField(text.Sentiment?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(text.SentimentLabel ?? "");
            csv.WriteField(string.Join(";", text.Emotions));
            csv.WriteField(string.Join(";", text.Signals));
            // Topic paths come from the workspace's own taxonomy: as text, never a formula.
            csv.WriteField(Safe(string.Join(";", text.Topics)));
            await csv.NextRecordAsync();
            if (chunk.GetStringBuilder().Length > 64 * 1024)
            {
                await CsvExport.SendAsync(csv, chunk, output, ct);
            }
        }

        await CsvExport.SendAsync(csv, chunk, output, ct);
        await output.FlushAsync(ct);
    }

    /// <summary>A JSON array, or with <paramref name="lines"/> one JSON object per line.</summary>
    public static async Task WriteJsonAsync(IQueryable<Response> query, Stream output, bool lines, TouchpointDbContext db, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            var first = true;
            if (!lines)
            {
                buffer.WriteByte((byte)'[');
            }

            await foreach (var (r, text) in ReadAsync(query, db, ct))
            {
                if (!first)
                {
                    buffer.WriteByte(lines ? (byte)'\n' : (byte)',');
                }

                first = false;
                WriteObject(json, r, text);
                await json.FlushAsync(ct);
                json.Reset();
                if (buffer.Length > 64 * 1024)
                {
                    await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
                    buffer.SetLength(0);
                }
            }

            if (!lines)
            {
                buffer.WriteByte((byte)']');
            }
            else if (!first)
            {
                buffer.WriteByte((byte)'\n');
            }
        }

        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        await output.FlushAsync(ct);
    }

    private static void WriteObject(Utf8JsonWriter json, Response r, ResponseTextSummary text)
    {
        json.WriteStartObject();
        json.WriteNumber("id", r.Id);
        json.WriteString("surveyId", r.SurveyId);
        json.WriteNumber("version", r.Version);
        json.WriteString("status", r.Status == ResponseStatus.Completed ? "completed" : "inProgress");
        json.WriteString("metric", r.Metric.ToString().ToLowerInvariant());
        WriteNullable(json, "score", r.Score);
        json.WriteString("comment", r.Comment);
        json.WritePropertyName("answers");
        using (var answers = JsonDocument.Parse(string.IsNullOrEmpty(r.Answers) ? "{}" : r.Answers))
        {
            answers.RootElement.WriteTo(json);
        }

        json.WriteString("channel", r.Channel?.ToString().ToLowerInvariant());
        json.WriteString("touchPointId", r.TouchPointId?.ToString());
        json.WriteString("journeyStageId", r.JourneyStageId?.ToString());
        json.WriteString("customerId", r.CustomerId?.ToString());
        json.WriteString("agent", r.Agent);
        json.WriteString("orderId", r.OrderId);
        json.WriteString("conversationId", r.ConversationId?.ToString());
        json.WriteString("language", r.Language);
        json.WriteString("device", r.Device);
        json.WriteString("startedAt", CsvExport.Instant(r.StartedAt));
        json.WriteString("submittedAt", CsvExport.Instant(r.SubmittedAt));
        WriteNullable(json, "durationSeconds", r.DurationSeconds);
        json.WritePropertyName("snapshot");
        if (r.Snapshot is { Length: > 0 } snapshot)
        {
            using var document = JsonDocument.Parse(snapshot);
            document.RootElement.WriteTo(json);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WritePropertyName("text");
        json.WriteStartObject();
        if (text.Sentiment is { } sentiment)
        {
            json.WriteNumber("sentiment", sentiment);
        }
        else
        {
            json.WriteNull("sentiment");
        }

        json.WriteString("sentimentLabel", text.SentimentLabel);
        WriteStrings(json, "emotions", text.Emotions);
        WriteStrings(json, "signals", text.Signals);
        WriteStrings(json, "topics", text.Topics);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Each page of responses with their analyses, read in one more query per page.</summary>
    private static async IAsyncEnumerable<(Response Response, ResponseTextSummary Text)> ReadAsync(IQueryable<Response> query, TouchpointDbContext db,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        DateTime? lastAt = null;
        long lastId = 0;
        while (true)
        {
            var page = query.AsNoTracking();
            if (lastAt is { } at)
            {
                page = page.Where(r => r.SubmittedAt > at || (r.SubmittedAt == at && r.Id > lastId));
            }

            var rows = await page.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).Take(Batch).ToListAsync(ct);
            var ids = rows.Select(r => r.Id).ToList();
            var analyses = (await db.AnalyzedTexts.AsNoTracking().Where(t => t.ResponseId != null && ids.Contains(t.ResponseId.Value)).ToListAsync(ct))
                .ToLookup(t => t.ResponseId!.Value);
            foreach (var row in rows)
            {
                yield return (row, ResponseTextSummary.Of(analyses[row.Id].ToList()));
            }

            if (rows.Count < Batch)
            {
                yield break;
            }

            (lastAt, lastId) = (rows[^1].SubmittedAt, rows[^1].Id);
        }
    }

    private static IEnumerable<string> Context(Response r) =>
    [
        r.Id.ToString(CultureInfo.InvariantCulture), r.SurveyId.ToString(), r.Version.ToString(CultureInfo.InvariantCulture),
        r.Status == ResponseStatus.Completed ? "completed" : "inProgress", CsvExport.Instant(r.StartedAt), CsvExport.Instant(r.SubmittedAt),
        r.DurationSeconds?.ToString(CultureInfo.InvariantCulture) ?? "", r.Metric.ToString().ToLowerInvariant(),
        r.Score?.ToString(CultureInfo.InvariantCulture) ?? "", r.Channel?.ToString().ToLowerInvariant() ?? "",
        r.TouchPointId?.ToString() ?? "", r.JourneyStageId?.ToString() ?? "", r.CustomerId?.ToString() ?? "", Safe(r.Agent ?? ""),
        Safe(r.OrderId ?? ""), r.ConversationId?.ToString() ?? "", r.Language ?? "", r.Device ?? "",
    ];

    /// <summary>An answer as one cell: numbers and text as they are, choices joined by "; ", a matrix as "row=column; ...".</summary>
    public static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Cell)),
        JsonValueKind.Object => string.Join("; ", value.EnumerateObject().Select(p => $"{p.Name}={Cell(p.Value)}")),
        _ => "",
    };

    /// <summary>Spreadsheets run a cell starting with = + - @ as a formula; an apostrophe keeps it text.</summary>
    private static string Safe(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + text
            : text;
}
