using Touchpoint.Core.Text.Emotions;
using Touchpoint.Core.Text.Signals;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Web.Text;

/// <summary>
/// Reads <c>sentiment=</c>, <c>emotion=</c>, <c>signal=</c>, <c>topic=</c> and <c>intent=</c> from a query
/// string (responses list, page, export, metrics), with a field error for each value that is not one.
/// </summary>
internal static class TextFilterQuery
{
    public const int MaxLabelLength = 300;

    public static ResponseTextFilter Read(string? sentiment, string? emotion, string? signal, string? topic, string? intent,
        Dictionary<string, string[]> errors) => new(
            OneOf("sentiment", sentiment, SentimentLabels.All, errors),
            OneOf("emotion", emotion, EmotionNames.All, errors),
            OneOf("signal", signal, SignalKinds.All, errors),
            Label("topic", topic, "a topic path such as 'Billing' or 'Billing > Refunds'", errors),
            Label("intent", intent, "a label of the workspace's classifier", errors));

    private static string? OneOf(string field, string? value, IReadOnlyList<string> known, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = known.FirstOrDefault(k => string.Equals(k, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors[field] = [$"Use one of: {string.Join(", ", known)}."];
        }

        return match;
    }

    private static string? Label(string field, string? value, string what, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxLabelLength)
        {
            errors[field] = [$"Give {what}, at most {MaxLabelLength} characters."];
            return null;
        }

        return trimmed;
    }
}
