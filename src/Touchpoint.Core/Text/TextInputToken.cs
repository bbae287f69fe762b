namespace Touchpoint.Core.Text;

/// <summary>What a token is, as the analysers need to tell them apart.</summary>
public enum TextTokenKind
{
    /// <summary>Letters (with inner apostrophes or hyphens, and digits mixed in: "don't", "follow-up", "2day").</summary>
    Word,

    /// <summary>Digits only: "3", "2024", "4.5".</summary>
    Number,

    /// <summary>A text emoticon such as ":)", ":-(", "&lt;3".</summary>
    Emoticon,

    /// <summary>One pictographic emoji, with its modifiers and joiners.</summary>
    Emoji,

    /// <summary>A run of punctuation or symbols: "!!!", "?!", "...".</summary>
    Punctuation,
}

/// <summary>
/// A token as a slice of the text it came from, so tokenizing allocates nothing: read its characters with
/// <see cref="Of"/>. <see cref="AllCaps"/> is true for words of two or more letters written all in capitals
/// ("GREAT"), which the sentiment rules read as emphasis.
/// </summary>
public readonly record struct TextToken(int Start, int Length, TextTokenKind Kind, bool AllCaps)
{
    public ReadOnlySpan<char> Of(ReadOnlySpan<char> text) => text.Slice(Start, Length);
}
