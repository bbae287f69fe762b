using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;

namespace Touchpoint.Core.Text.Storage;

/// <summary>
/// One customer text and what the analyser found in it: a free-text answer of a survey response
/// (<see cref="Field"/> is the question id) or a customer's chat or email message (<see cref="Field"/> is
/// empty). The headline numbers are columns for filters; the full findings (sentences, emotion
/// intensities, signal evidence, topic mentions) are JSON in <see cref="Details"/> for display.
/// Topics, intents, signals and emotions are also rows in <see cref="TextLabel"/> so analytics can filter
/// on them with an index.
/// </summary>
public sealed class AnalyzedText : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public TextSource Source { get; set; }

    /// <summary>The response a free-text answer belongs to. A navigation, so a response and its analyses
    /// are inserted in one save (the group-commit batch) and deleted together.</summary>
    public long? ResponseId { get; set; }

    public Response? Response { get; set; }

    /// <summary>The customer's chat or email message; deleted with it.</summary>
    public long? MessageId { get; set; }

    public ConversationMessage? Message { get; set; }

    /// <summary>The question id for a response answer; empty for a message.</summary>
    public string Field { get; set; } = "";

    public Guid? CustomerId { get; set; }
    public Guid? ConversationId { get; set; }

    /// <summary>When the customer wrote it: the response's submission or the message's time.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>"en", another ISO 639-1 code, "und", or null when there was nothing to read.</summary>
    public string? Language { get; set; }

    /// <summary>False when the text was not analysed (not English, no words): it is then in no filter.</summary>
    public bool Scored { get; set; }

    /// <summary>Compound sentiment -1..1.</summary>
    public double Sentiment { get; set; }

    /// <summary>positive, neutral or negative.</summary>
    public string SentimentLabel { get; set; } = "neutral";

    /// <summary>The strongest reported emotion, if any.</summary>
    public string? Emotion { get; set; }

    /// <summary>JSON of the full findings, written by the analysis mapper.</summary>
    public string Details { get; set; } = "{}";

    /// <summary>The workspace taxonomy version the topics were found with; the re-scorer updates older rows.</summary>
    public int TaxonomyVersion { get; set; }

    public DateTime AnalyzedAt { get; set; }

    /// <summary>The labels found or put on this text; saved with it.</summary>
    public List<TextLabel> Labels { get; set; } = [];
}

public enum TextSource
{
    Response,
    Message,
}
