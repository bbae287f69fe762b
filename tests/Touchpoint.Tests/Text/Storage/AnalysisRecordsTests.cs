using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Text;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.TextAnalysis.Storage;

[Collection(AppCollection.Name)]
public sealed class AnalysisRecordsTests(AppFixture fixture)
{
    private const string Complaint = "I had to call three times about my refund and I'm furious. I will cancel my account.";

    [Theory, OnSqlite, OnPostgres]
    public async Task StoredAnalysis_KeepsScoresLabelsAndDetails_AndRescoringKeepsPeoplesLabels(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var surveyId = (await client.CreateSurveyAsync()).GetProperty("id").GetGuid();
        var result = TextAnalyzer.Default.Analyze(Complaint);
        var id = await workspace.QueryAsync(async db =>
        {
            var response = new Response { SurveyId = surveyId, Comment = Complaint, SubmittedAt = DateTime.UtcNow, StartedAt = DateTime.UtcNow };
            var row = AnalysisRecords.ForResponse(response, "comment", result, 3, DateTime.UtcNow);
            row.Labels.Add(new TextLabel { Kind = TextLabelKind.Topic, Value = "Billing > Invoices", Origin = LabelOrigin.Person, Confidence = 1, CreatedAt = DateTime.UtcNow });
            db.AnalyzedTexts.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

        var stored = await workspace.QueryAsync(db => db.AnalyzedTexts.Include(t => t.Labels).SingleAsync(t => t.Id == id));
        Assert.Equal("negative", stored.SentimentLabel);
        Assert.True(stored.Sentiment < -0.05);
        Assert.Equal(3, stored.TaxonomyVersion);
        Assert.Contains(stored.Labels, l => l is { Kind: TextLabelKind.Signal, Value: "churn" });
        Assert.Contains(stored.Labels, l => l is { Kind: TextLabelKind.Signal, Value: "effort" });
        Assert.Contains(stored.Labels, l => l is { Kind: TextLabelKind.Emotion, Value: "anger" });
        Assert.Contains(AnalysisRecords.ReadDetails(stored.Details).Signals, s => s.Kind == "churn");

        await workspace.QueryAsync(async db =>
        {
            var row = await db.AnalyzedTexts.Include(t => t.Labels).SingleAsync(t => t.Id == id);
            AnalysisRecords.Apply(row, TextAnalyzer.Default.Analyze("Thanks, all good now!"), 4, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

        var rescored = await workspace.QueryAsync(db => db.TextLabels.Where(l => l.AnalyzedTextId == id).ToListAsync());
        Assert.DoesNotContain(rescored, l => l.Kind == TextLabelKind.Signal);
        Assert.Contains(rescored, l => l is { Origin: LabelOrigin.Person, Value: "Billing > Invoices" });
    }

    [Fact]
    public void NotEnglish_IsMarkedAndNotScored()
    {
        var result = TextAnalyzer.Default.Analyze("Le service était horrible et je suis très déçu de cette expérience.");
        Assert.False(result.Scored);
        Assert.NotEqual("en", result.Language);
        Assert.Empty(result.Emotions);
        Assert.Empty(result.Topics);
    }
}
