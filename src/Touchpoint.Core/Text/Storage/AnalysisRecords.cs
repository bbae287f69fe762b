using System.Text.Json;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Feedback;

namespace Touchpoint.Core.Text.Storage;

/// <summary>
/// Turns an analysis into what is stored: the columns and details of an <see cref="AnalyzedText"/> and its
/// analyser labels. Used on ingest and by the re-scorer, so both store exactly the same thing. A person's
/// labels on the row are left alone.
/// </summary>
public static class AnalysisRecords
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A new row for a free-text answer of a response, with its labels, ready to add with the response.</summary>
    public static AnalyzedText ForResponse(Response response, string questionId, TextAnalysisResult result, int taxonomyVersion, DateTime now) =>
        Apply(
            new AnalyzedText
            {
                Source = TextSource.Response,
                Response = response,
                Field = questionId,
                CustomerId = response.CustomerId,
                ConversationId = response.ConversationId,
                OccurredAt = response.SubmittedAt,
            },
            result,
            taxonomyVersion,
            now);

    /// <summary>A new row for a customer's message, with its labels, ready to add with the message.</summary>
    public static AnalyzedText ForMessage(ConversationMessage message, Guid? customerId, TextAnalysisResult result, int taxonomyVersion, DateTime now) =>
        Apply(
            new AnalyzedText
            {
                Source = TextSource.Message,
                Message = message,
                CustomerId = customerId,
                ConversationId = message.ConversationId,
                OccurredAt = message.CreatedAt,
            },
            result,
            taxonomyVersion,
            now);

    /// <summary>Writes the analysis onto the row and replaces the analyser's labels (labels must be loaded).</summary>
    public static AnalyzedText Apply(AnalyzedText row, TextAnalysisResult result, int taxonomyVersion, DateTime now)
    {
        row.Language = result.Language;
        row.Scored = result.Scored;
        row.Sentiment = Math.Round(result.Sentiment.Compound, 4);
        row.SentimentLabel = result.Sentiment.Label;
        row.Emotion = result.Emotions.Count == 0 ? null : result.Emotions.MaxBy(e => e.Intensity)!.Emotion;
        row.Details = JsonSerializer.Serialize(DetailsOf(result), Json);
        row.TaxonomyVersion = taxonomyVersion;
        row.AnalyzedAt = now;
        row.Labels.RemoveAll(l => l.Origin != LabelOrigin.Person);
        row.Labels.AddRange(LabelsOf(result, now));
        return row;
    }

    public static AnalysisDetails ReadDetails(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return AnalysisDetails.Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<AnalysisDetails>(json, Json) ?? AnalysisDetails.Empty;
        }
        catch (JsonException)
        {
            return AnalysisDetails.Empty;
        }
    }

    private static AnalysisDetails DetailsOf(TextAnalysisResult result) => new(
        Math.Round(result.Sentiment.Positive, 3),
        Math.Round(result.Sentiment.Negative, 3),
        Math.Round(result.Sentiment.Neutral, 3),
        result.Sentiment.Sentences.Select(s => new AnalysisDetails.SentenceDetail(s.Start, s.Length, Math.Round(s.Compound, 4))).ToArray(),
        result.Emotions.ToDictionary(e => e.Emotion, e => Math.Round(e.Intensity, 3)),
        result.Signals.Select(s => new AnalysisDetails.SignalDetail(s.Kind, s.Confidence, s.Evidence, s.Employee)).ToArray(),
        result.Topics.Select(t => new AnalysisDetails.TopicDetail(t.Path, t.Count, t.Evidence)).ToArray(),
        result.Intents.Select(i => new AnalysisDetails.IntentDetail(i.Label, Math.Round(i.Confidence, 3))).ToArray());

    private static IEnumerable<TextLabel> LabelsOf(TextAnalysisResult result, DateTime now)
    {
        foreach (var topic in result.Topics)
        {
            yield return Label(TextLabelKind.Topic, topic.Path, LabelOrigin.Rule, 1, now);
        }

        foreach (var intent in result.Intents)
        {
            yield return Label(TextLabelKind.Intent, intent.Label, LabelOrigin.Model, intent.Confidence, now);
        }

        foreach (var kind in result.Signals.Select(s => s.Kind).Distinct())
        {
            yield return Label(TextLabelKind.Signal, kind, LabelOrigin.Rule, result.Signals.Where(s => s.Kind == kind).Max(s => s.Confidence), now);
        }

        foreach (var emotion in result.Emotions)
        {
            yield return Label(TextLabelKind.Emotion, emotion.Emotion, LabelOrigin.Rule, emotion.Intensity, now);
        }
    }

    private static TextLabel Label(TextLabelKind kind, string value, LabelOrigin origin, double confidence, DateTime now) =>
        new() { Kind = kind, Value = value, Origin = origin, Confidence = Math.Round(confidence, 3), CreatedAt = now };
}
