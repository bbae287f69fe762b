using Microsoft.Extensions.Logging.Abstractions;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Core.Text.Ingest;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Tests.TextAnalysis.Ingest;

/// <summary>An analyser that fails must not fail the ingest: the text is stored without an analysis.</summary>
public sealed class TextIngestFailureTests
{
    private sealed class BrokenSource : ITextAnalyzerSource
    {
        public ValueTask<WorkspaceTextAnalyzer> GetAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The workspace's model could not be loaded.");
    }

    private static readonly TextIngest Broken = new(new BrokenSource(), TimeProvider.System, NullLogger<TextIngest>.Instance);
    private static readonly TextIngest Working = new(new BuiltInTextAnalyzerSource(), TimeProvider.System, NullLogger<TextIngest>.Instance);

    private static Response Answered(string comment) => new()
    {
        WorkspaceId = Guid.NewGuid(),
        Answers = $$"""{"score": 2, "comment": {{System.Text.Json.JsonSerializer.Serialize(comment)}}}""",
    };

    [Fact]
    public async Task AnalyzeResponse_AnalyserThrows_ReturnsNoRowsInsteadOfThrowing()
    {
        var definition = SurveyDefinition.Standard(SurveyMetric.Nps, "How likely?", "Why?");

        var rows = await Broken.AnalyzeResponseAsync(Answered("I will cancel my account."), definition);
        var message = await Broken.AnalyzeMessageAsync(Guid.NewGuid(), MessageAuthor.Customer, false, "I will cancel my account.");

        Assert.Empty(rows);
        Assert.Null(message);
    }

    [Fact]
    public async Task AnalyzeResponse_TextAnswers_OneRowEachInTheResponsesWorkspace()
    {
        var definition = SurveyDefinition.Standard(SurveyMetric.Nps, "How likely?", "Why?");
        var response = Answered("I will cancel my account.");

        var rows = await Working.AnalyzeResponseAsync(response, definition);
        var agent = await Working.AnalyzeMessageAsync(Guid.NewGuid(), MessageAuthor.Agent, false, "I will cancel it for you.");
        var note = await Working.AnalyzeMessageAsync(Guid.NewGuid(), MessageAuthor.Customer, true, "I will cancel my account.");

        var row = Assert.Single(rows);
        Assert.Equal(("comment", response.WorkspaceId), (row.Field, row.WorkspaceId));
        Assert.Same(response, row.Response);
        Assert.All(row.Labels, l => Assert.Equal(response.WorkspaceId, l.WorkspaceId));
        Assert.Contains(row.Labels, l => l is { Kind: TextLabelKind.Signal, Value: "churn" });
        Assert.Null(agent);
        Assert.Null(note);
    }
}
