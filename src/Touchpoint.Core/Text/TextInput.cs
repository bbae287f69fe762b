namespace Touchpoint.Core.Text;

/// <summary>
/// The entry points every text analyser shares: tokens, sentences and a language check, all over spans so
/// scoring a comment allocates nothing for its tokens.
/// </summary>
public static class TextInput
{
    /// <summary>Tokens of <paramref name="text"/>: <c>foreach (var token in TextInput.Tokenize(text))</c>.</summary>
    public static TextInputTokenizer Tokenize(ReadOnlySpan<char> text) => new(text);

    /// <summary>Sentences of <paramref name="text"/> as ranges: <c>foreach (var range in TextInput.Sentences(text))</c>.</summary>
    public static TextInputSentences Sentences(ReadOnlySpan<char> text) => new(text);

    /// <summary>"en", another language's best-guess code, "und", or null when the text has no letters.</summary>
    public static string? DetectLanguage(ReadOnlySpan<char> text, TextInputLanguage.KnownWord? isEnglishWord = null) =>
        TextInputLanguage.Detect(text, isEnglishWord);
}
