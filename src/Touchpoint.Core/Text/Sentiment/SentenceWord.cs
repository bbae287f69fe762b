namespace Touchpoint.Core.Text.Sentiment;

/// <summary>What a word does in the VADER rules besides carrying a valence.</summary>
[Flags]
internal enum WordRole
{
    None = 0,
    Negation = 1,
    But = 2,
    No = 4,
    Least = 8,
    Never = 16,
    Without = 32,
    Doubt = 64,
    SoOrThis = 128,
    AtOrVery = 256,
    KindOrSort = 512,
    Of = 1024,
    OrNor = 2048,
}

/// <summary>Everything the rules know about a word, found with one dictionary lookup.</summary>
internal readonly record struct WordInfo(double Valence, double Booster, WordRole Role)
{
    public bool HasValence => !double.IsNaN(Valence);
}

/// <summary>
/// A scoring item of one sentence (a word, number, emoticon or emoji) with what the lookups found, and,
/// once scored, its valence. Kept in a pooled array: scoring allocates nothing per word.
/// </summary>
internal struct SentenceWord
{
    public int Start;
    public int Length;
    public TextTokenKind Kind;
    public bool AllCaps;
    public WordInfo Info;

    /// <summary>Set on the first word of a matched phrase: the phrase's valence, which replaces the word's own.</summary>
    public double PhraseValence;
    public bool PhraseHead;

    /// <summary>The other words of a matched phrase: they carry no valence of their own.</summary>
    public bool InPhrase;
    public double Valence;

    public readonly bool HasValence => Info.HasValence || PhraseHead;

    public readonly ReadOnlySpan<char> Of(ReadOnlySpan<char> text) => text.Slice(Start, Length);

    public readonly bool Is(ReadOnlySpan<char> text, string word) => text.Slice(Start, Length).Equals(word, StringComparison.OrdinalIgnoreCase);

    public readonly bool Has(WordRole role) => (Info.Role & role) != 0;
}
