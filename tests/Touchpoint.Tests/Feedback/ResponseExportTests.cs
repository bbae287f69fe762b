using System.Net;
using System.Text.Json;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Feedback;

/// <summary>GET /api/v1/responses/export: CSV with a column per question, JSON array, JSON lines; filters; bad input.</summary>
[Collection(AppCollection.Name)]
public sealed class ResponseExportTests(AppFixture fixture)
{
    private static readonly DateTime Day = new(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc);

    private async Task<(HttpClient Client, Guid Survey)> ArrangeAsync(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps", "Export NPS")).GetGuid("id");
        var other = (await client.CreateSurveyAsync("csat", "Other")).GetGuid("id");
        await client.SubmitAsync(survey, 9, Day.AddHours(1), "Great, \"really\"");
        await client.SubmitAsync(survey, 2, Day.AddHours(2), "=HYPERLINK(\"http://evil\")");
        await client.SubmitAsync(survey, 7, Day.AddDays(3), "<script>alert(1)</script>");
        await client.SubmitAsync(other, 5, Day.AddHours(3), "Not in this survey");
        return (client, survey);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ExportCsv_OneSurvey_HasAColumnPerQuestionAndFormulaSafeText(DatabaseProvider provider)
    {
        var (client, survey) = await ArrangeAsync(provider);

        using var response = await client.GetAsync($"/api/v1/responses/export?format=csv&survey={survey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = CsvRows(await response.Content.ReadAsStringAsync());
        var header = rows[0];
        Assert.Equal("responseId", header[0]);
        Assert.Contains("score", header);
        Assert.Contains("comment", header);
        Assert.Contains("channel", header);
        var data = rows.Skip(1).ToList();
        Assert.Equal(3, data.Count);
        string Cell(string[] row, string column) => row[Array.IndexOf(header, column)];
        Assert.Equal(["9", "2", "7"], data.Select(r => Cell(r, "score")));
        Assert.Equal("Great, \"really\"", Cell(data[0], "comment"));
        Assert.Equal("'=HYPERLINK(\"http://evil\")", Cell(data[1], "comment"));
        Assert.Equal("<script>alert(1)</script>", Cell(data[2], "comment"));
        Assert.All(data, r => Assert.Equal("completed", Cell(r, "status")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ExportJson_FromTo_ReturnsAnArrayOfTheRangeOldestFirst(DatabaseProvider provider)
    {
        var (client, survey) = await ArrangeAsync(provider);

        var items = await client.GetJsonAsync(
            $"/api/v1/responses/export?format=json&survey={survey}&from={Api.Query(Day)}&to={Api.Query(Day.AddDays(1))}");

        Assert.Equal(JsonValueKind.Array, items.ValueKind);
        Assert.Equal([9, 2], items.EnumerateArray().Select(i => i.GetProperty("answers").GetProperty("score").GetInt32()));
        Assert.All(items.EnumerateArray(), i => Assert.Equal(1, i.GetProperty("version").GetInt32()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ExportNdjson_AllSurveys_OneObjectPerLine(DatabaseProvider provider)
    {
        var (client, _) = await ArrangeAsync(provider);

        using var response = await client.GetAsync("/api/v1/responses/export?format=ndjson");

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => JsonDocument.Parse(l).RootElement.GetProperty("comment").GetString() == "Not in this survey");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Export_BadInput_NamesTheField(DatabaseProvider provider)
    {
        var (client, _) = await ArrangeAsync(provider);

        using var format = await client.GetAsync("/api/v1/responses/export?format=xlsx");
        using var survey = await client.GetAsync($"/api/v1/responses/export?survey={Guid.NewGuid()}");
        using var range = await client.GetAsync($"/api/v1/responses/export?from={Api.Query(Day)}&to={Api.Query(Day)}");
        using var band = await client.GetAsync("/api/v1/responses/export?band=fans");

        await Problem.AssertFieldAsync(format, HttpStatusCode.BadRequest, "format");
        await Problem.AssertFieldAsync(survey, HttpStatusCode.BadRequest, "survey");
        await Problem.AssertFieldAsync(range, HttpStatusCode.BadRequest, "to");
        await Problem.AssertFieldAsync(band, HttpStatusCode.BadRequest, "band");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_NewFilters_SelectByBandStatusAndChannelAndShowAnswers(DatabaseProvider provider)
    {
        var (client, survey) = await ArrangeAsync(provider);

        var detractors = await client.GetJsonAsync($"/api/v1/responses?survey={survey}&band=detractor&status=completed");
        var byChannel = await client.GetJsonAsync($"/api/v1/responses?survey={survey}&channel=web");
        using var badStatus = await client.GetAsync("/api/v1/responses?status=done");
        using var badChannel = await client.GetAsync("/api/v1/responses?channel=fax");

        var only = Assert.Single(detractors.GetProperty("items").EnumerateArray());
        Assert.Equal(2, only.GetProperty("answers").GetProperty("score").GetInt32());
        Assert.Equal("completed", only.GetString("status"));
        Assert.Equal(1, only.GetProperty("version").GetInt32());
        Assert.Empty(byChannel.GetProperty("items").EnumerateArray());
        await Problem.AssertFieldAsync(badStatus, HttpStatusCode.BadRequest, "status");
        await Problem.AssertFieldAsync(badChannel, HttpStatusCode.BadRequest, "channel");
    }

    /// <summary>RFC 4180 reading, enough for the export: quoted fields with doubled quotes and commas.</summary>
    private static List<string[]> CsvRows(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }
}
