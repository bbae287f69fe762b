using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Import;

/// <summary>Sends CSV files to the import endpoints and reads the report, as an integration would.</summary>
internal static class ImportClient
{
    public static async Task<HttpResponseMessage> PostCsvAsync(this HttpClient client, string url, string csv) =>
        await client.PostCsvAsync(url, Encoding.UTF8.GetBytes(csv));

    public static async Task<HttpResponseMessage> PostCsvAsync(this HttpClient client, string url, byte[] csv)
    {
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync(url, content);
    }

    /// <summary>Posts and expects 200; returns the report.</summary>
    public static async Task<JsonElement> ImportAsync(this HttpClient client, string url, string csv)
    {
        using var response = await client.PostCsvAsync(url, csv);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static int Count(this JsonElement report, string name) => report.GetProperty(name).GetInt32();

    /// <summary>The report's errors as (line, column, message).</summary>
    public static List<(int Line, string Column, string Message)> Errors(this JsonElement report) =>
        [.. report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetString("column")!, e.GetString("message")!))];
}
