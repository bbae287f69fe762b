using Touchpoint.Core.Text.Sentiment;

namespace Touchpoint.Core.Text.Emotions;

/// <summary>
/// A text prepared once for the emotion and signal engines: cut and apostrophes folded
/// (<see cref="CueTokenizer.Prepare"/>), lower-cased (same offsets) and tokenized. <see cref="TextAnalyzer"/>
/// builds it once and hands it to both. The token list is the calling thread's, reused by the next
/// <see cref="Of"/> on that thread, so a <see cref="CueText"/> is used at once and never kept.
/// </summary>
internal sealed class CueText
{
    [ThreadStatic]
    private static List<CueToken>? tokensCache;

    private CueText(string prepared, string lower, List<CueToken> tokens)
    {
        Prepared = prepared;
        Lower = lower;
        Tokens = tokens;
    }

    public string Prepared { get; }

    public string Lower { get; }

    public List<CueToken> Tokens { get; }

    public static CueText Of(string text)
    {
        var prepared = CueTokenizer.Prepare(text);
        var tokens = tokensCache ??= new List<CueToken>(64);
        CueTokenizer.Tokenize(prepared, tokens);
        return new CueText(prepared, prepared.ToLowerInvariant(), tokens);
    }

    /// <summary>Whether the engines' English word lists apply: English, or no letters at all (emoji still count).</summary>
    public static bool IsScorable(string text) => TextInputLanguage.IsScorable(SentimentEngine.Default.DetectLanguage(text));
}
