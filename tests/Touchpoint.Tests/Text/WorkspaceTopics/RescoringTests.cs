using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.TextAnalysis.WorkspaceTopics;

/// <summary>After a taxonomy save, the stored topics of old texts follow the new rules; people's labels stay.</summary>
[Collection(AppCollection.Name)]
public sealed class RescoringTests(AppFixture fixture)
{
    private const string ParkingOnly = """{"topics":[{"name":"Parking","keywords":["parking","car park*"]}]}""";

    [Theory, OnSqlite, OnPostgres]
    public async Task TaxonomySave_RescoresCommentsAndMessages_KeepsPeoplesLabels(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var surveyId = (await client.CreateSurveyAsync()).GetGuid("id");
        var comment = await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "My parcel was delivered late and there was no parking at the depot.");
        var message = await AnalyzedTexts.AddMessageAsync(workspace, "The car park is always full when I collect my delivery.");
        await (await client.PostAsync($"/api/v1/text/analyses/{comment}/labels", Api.Json("""{"topic":"Depot"}"""))).ExpectAsync(HttpStatusCode.Created);
        Assert.Contains("Delivery", await TopicsAsync(workspace, comment, LabelOrigin.Rule));

        await (await client.PutAsync("/api/v1/text/taxonomy", Api.Json(ParkingOnly))).ExpectAsync(HttpStatusCode.OK);
        // The save wakes the background re-scorer.
        await Eventually.HoldsAsync(() => workspace.QueryAsync(db => db.TextSettings.AnyAsync(s => s.RescoredVersion == 1)),
            "the workspace is re-scored to version 1");

        Assert.Equal(["Parking"], await TopicsAsync(workspace, comment, LabelOrigin.Rule));
        Assert.Equal(["Parking"], await TopicsAsync(workspace, message, LabelOrigin.Rule));
        Assert.Equal(["Depot"], await TopicsAsync(workspace, comment, LabelOrigin.Person));
        Assert.Equal(2, await workspace.QueryAsync(db => db.AnalyzedTexts.CountAsync(t => t.TaxonomyVersion == 1)));
        var taxonomy = await client.GetJsonAsync("/api/v1/text/taxonomy");
        Assert.Equal(2, taxonomy.GetProperty("rescoring").GetProperty("done").GetInt32());
        Assert.False(taxonomy.GetProperty("rescoring").GetProperty("running").GetBoolean());
    }

    internal static Task<string[]> TopicsAsync(TestWorkspace workspace, long analysis, LabelOrigin origin) =>
        workspace.QueryAsync(db => db.TextLabels.Where(l => l.AnalyzedTextId == analysis && l.Kind == TextLabelKind.Topic && l.Origin == origin)
            .OrderBy(l => l.Value).Select(l => l.Value).ToArrayAsync());
}
