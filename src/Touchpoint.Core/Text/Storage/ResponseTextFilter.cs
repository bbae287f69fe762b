using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Text.Storage;

/// <summary>
/// Narrows responses to those with a free-text answer the analyser found something in: a sentiment label,
/// an emotion, a signal, a topic (a path; its sub-topics match too) or a classifier intent. Each is an
/// EXISTS on the response's analysed texts (unique index on ResponseId) and their labels (index on
/// AnalyzedTextId, Kind), so the list, the export and the metrics share one definition.
/// Values must already be valid (see the web layer's parser); unscored texts (another language) match nothing.
/// </summary>
public sealed record ResponseTextFilter(string? Sentiment = null, string? Emotion = null, string? Signal = null, string? Topic = null,
    string? Intent = null)
{
    public bool IsEmpty => Sentiment is null && Emotion is null && Signal is null && Topic is null && Intent is null;

    public IQueryable<Response> Apply(IQueryable<Response> responses, TouchpointDbContext db)
    {
        var texts = db.AnalyzedTexts.Where(t => t.Scored);
        if (Sentiment is { } sentiment)
        {
            responses = responses.Where(r => texts.Any(t => t.ResponseId == r.Id && t.SentimentLabel == sentiment));
        }

        if (Emotion is { } emotion)
        {
            responses = responses.Where(r => texts.Any(t => t.ResponseId == r.Id
                && t.Labels.Any(l => l.Kind == TextLabelKind.Emotion && l.Value == emotion)));
        }

        if (Signal is { } signal)
        {
            responses = responses.Where(r => texts.Any(t => t.ResponseId == r.Id
                && t.Labels.Any(l => l.Kind == TextLabelKind.Signal && l.Value == signal)));
        }

        if (Topic is { } topic)
        {
            var below = topic + TopicMatch.PathSeparator;
            responses = responses.Where(r => texts.Any(t => t.ResponseId == r.Id
                && t.Labels.Any(l => l.Kind == TextLabelKind.Topic && (l.Value == topic || l.Value.StartsWith(below)))));
        }

        if (Intent is { } intent)
        {
            responses = responses.Where(r => texts.Any(t => t.ResponseId == r.Id
                && t.Labels.Any(l => l.Kind == TextLabelKind.Intent && l.Value == intent)));
        }

        return responses;
    }
}
