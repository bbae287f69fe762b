using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Workspace;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.TextAnalysis.WorkspaceTopics;

/// <summary>People's topic labels through the API, and the classifier trained on them.</summary>
[Collection(AppCollection.Name)]
public sealed class LabelsAndTrainingTests(AppFixture fixture)
{
    private static readonly string[] ParkingTexts =
    [
        "Could not find a space anywhere, circled for twenty minutes",
        "The spaces near the entrance were all taken",
        "No free spots left when I arrived at noon",
        "Spaces are far too narrow for my van",
        "Had to leave my van on the street, no spots",
        "Every space was full again this morning",
        "Spots for disabled drivers were taken by vans",
    ];

    private static readonly string[] CoffeeTexts =
    [
        "The latte was cold and bitter",
        "Lovely cappuccino with proper foam",
        "Espresso tasted burnt today",
        "My flat white had no milk foam",
        "Best latte in town, smooth and hot",
        "The cappuccino was lukewarm",
        "Espresso machine broken, no coffee at all",
    ];

    [Theory, OnSqlite, OnPostgres]
    public async Task Labels_AddListRemove_AndAnotherWorkspacesAnalysisIsNotFound(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var mine = await TestWorkspace.CreateAsync(app);
        var theirs = await TestWorkspace.CreateAsync(app);
        using var client = mine.Client();
        using var other = theirs.Client();
        var surveyId = (await client.CreateSurveyAsync()).GetGuid("id");
        var id = await AnalyzedTexts.AddCommentAsync(mine, surveyId, "I was charged twice for one order.");

        var label = await (await client.PostAsync($"/api/v1/text/analyses/{id}/labels", Api.Json("""{"topic":" Billing > Double charge "}""")))
            .ExpectAsync(HttpStatusCode.Created);
        var same = await (await client.PostAsync($"/api/v1/text/analyses/{id}/labels", Api.Json("""{"topic":"Billing > Double charge"}""")))
            .ExpectAsync(HttpStatusCode.Created);
        await Problem.AssertFieldAsync(await client.PostAsync($"/api/v1/text/analyses/{id}/labels", Api.Json("""{"topic":"  "}""")),
            HttpStatusCode.BadRequest, "topic");
        await Problem.AssertAsync(await other.PostAsync($"/api/v1/text/analyses/{id}/labels", Api.Json("""{"topic":"Mine now"}""")), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await other.DeleteAsync($"/api/v1/text/analyses/{id}/labels/{label.GetInt64("id")}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await other.GetAsync($"/api/v1/text/analyses/{id}/labels"), HttpStatusCode.NotFound);
        var ruleLabel = await mine.QueryAsync(db => db.TextLabels.Where(l => l.AnalyzedTextId == id && l.Origin == LabelOrigin.Rule).Select(l => l.Id).FirstAsync());
        await Problem.AssertAsync(await client.DeleteAsync($"/api/v1/text/analyses/{id}/labels/{ruleLabel}"), HttpStatusCode.Conflict);

        Assert.Equal("Billing > Double charge", label.GetString("value"));
        Assert.Equal("person", label.GetString("origin"));
        Assert.Equal(label.GetInt64("id"), same.GetInt64("id"));
        var listed = await client.GetJsonAsync($"/api/v1/text/analyses/{id}/labels");
        Assert.Single(listed.EnumerateArray(), l => l.GetString("origin") == "person");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/text/analyses/{id}/labels/{label.GetInt64("id")}")).StatusCode);
        Assert.Equal(0, await mine.QueryAsync(db => db.TextLabels.CountAsync(l => l.Origin == LabelOrigin.Person)));
        await Problem.AssertAsync(await client.PostAsync("/api/v1/text/analyses/99999999/labels", Api.Json("""{"topic":"X"}""")), HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Train_RefusesTooFewLabels_ThenTrainsOnPeoplesLabelsAndPredicts(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var surveyId = (await client.CreateSurveyAsync()).GetGuid("id");
        var parking = new List<long>();
        foreach (var text in ParkingTexts)
        {
            parking.Add(await AnalyzedTexts.AddCommentAsync(workspace, surveyId, text));
        }

        var coffee = new List<long>();
        foreach (var text in CoffeeTexts)
        {
            coffee.Add(await AnalyzedTexts.AddCommentAsync(workspace, surveyId, text));
        }

        foreach (var id in parking)
        {
            await LabelAsync(client, id, "Parking");
        }

        foreach (var id in coffee.Take(4))
        {
            await LabelAsync(client, id, "Coffee");
        }

        var refused = await Problem.AssertAsync(await client.PostAsync("/api/v1/text/classifier/train", null), HttpStatusCode.BadRequest);
        Assert.Contains("at least 2 topics with at least 5 labelled texts", refused.GetString("detail"), StringComparison.Ordinal);
        Assert.Contains("Coffee: 4", refused.GetString("detail"), StringComparison.Ordinal);

        foreach (var id in coffee.Skip(4))
        {
            await LabelAsync(client, id, "Coffee");
        }

        var trained = await (await client.PostAsync("/api/v1/text/classifier/train", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(14, trained.GetProperty("examples").GetInt32());
        Assert.Equal(2, trained.GetProperty("heldOut").GetInt32());
        Assert.Equal(["Coffee", "Parking"], trained.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).ToArray());
        var analyzer = await app.Services.GetRequiredService<ITextAnalyzerSource>().GetAsync(workspace.Id);
        Assert.Equal(1, analyzer.TaxonomyVersion);
        Assert.Equal("Coffee", analyzer.Analyzer.Classifier!.Predict("the cappuccino was cold").Label);
        Assert.Equal("Parking", analyzer.Analyzer.Classifier.Predict("no free spaces for my van").Label);
        var status = await client.GetJsonAsync("/api/v1/text/classifier");
        Assert.True(status.GetProperty("trained").GetBoolean());
        Assert.Equal(14, status.GetProperty("examples").GetInt32());

        // Re-scoring then puts the classifier's intents on the texts.
        var rescorer = app.Services.GetRequiredService<TextRescorer>();
        await Eventually.HoldsAsync(async () =>
        {
            await rescorer.RunOnceAsync(CancellationToken.None);
            return await workspace.QueryAsync(db => db.TextSettings.AnyAsync(s => s.RescoredVersion == 1));
        }, "the texts are re-scored with the classifier");
        Assert.True(await workspace.QueryAsync(db => db.TextLabels.AnyAsync(l => l.Kind == TextLabelKind.Intent && l.Origin == LabelOrigin.Model && l.Value == "Coffee")));
        Assert.Equal(14, await workspace.QueryAsync(db => db.TextLabels.CountAsync(l => l.Origin == LabelOrigin.Person)));
    }

    private static async Task LabelAsync(HttpClient client, long id, string topic) =>
        await (await client.PostAsync($"/api/v1/text/analyses/{id}/labels", Api.Json($$"""{"topic":"{{topic}}"}"""))).ExpectAsync(HttpStatusCode.Created);
}
