namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// A topic found in a text: its path from the root ("Billing > Refunds", so a filter on "Billing" can take
/// every path starting with it), the number of mentions, and the mentions themselves as normalised words.
/// </summary>
public sealed record TopicMatch(string Path, string Topic, int Count, IReadOnlyList<string> Evidence)
{
    public const string PathSeparator = " > ";
}
