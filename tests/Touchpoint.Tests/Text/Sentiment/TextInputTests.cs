using Touchpoint.Core.Text;

// Not Touchpoint.Tests.Text: that namespace would hide PageSession.Text(html), which the page tests call unqualified.
namespace Touchpoint.Tests.TextAnalysis.Sentiment;

/// <summary>The shared tokenizer and sentence splitter the analysers read text through.</summary>
public sealed class TextInputTests
{
    private static List<(string Text, TextTokenKind Kind, bool Caps)> Tokens(string text)
    {
        var tokens = new List<(string, TextTokenKind, bool)>();
        foreach (var token in TextInput.Tokenize(text))
        {
            tokens.Add((token.Of(text).ToString(), token.Kind, token.AllCaps));
        }

        return tokens;
    }

    private static List<string> Sentences(string text)
    {
        var sentences = new List<string>();
        foreach (var range in TextInput.Sentences(text))
        {
            sentences.Add(text[range]);
        }

        return sentences;
    }

    [Fact]
    public void Tokenize_WordsPunctuationAndNumbers_AreSeparated()
    {
        var tokens = Tokens("I don't like it, I waited 3.5 weeks!!!");

        Assert.Equal(["I", "don't", "like", "it", ",", "I", "waited", "3.5", "weeks", "!!!"], tokens.Select(t => t.Text));
        Assert.Equal(TextTokenKind.Number, tokens[7].Kind);
        Assert.Equal(TextTokenKind.Punctuation, tokens[9].Kind);
    }

    [Fact]
    public void Tokenize_HyphenatedWord_IsOneWord()
    {
        Assert.Equal(["a", "follow-up", "call"], Tokens("a follow-up call").Select(t => t.Text));
    }

    [Fact]
    public void Tokenize_Emoticons_StayWholeAndLoseTrailingPunctuation()
    {
        var tokens = Tokens("Thanks :) see you :-( <3.");

        Assert.Equal(["Thanks", ":)", "see", "you", ":-(", "<3", "."], tokens.Select(t => t.Text));
        Assert.Equal(TextTokenKind.Emoticon, tokens[1].Kind);
        Assert.Equal(TextTokenKind.Emoticon, tokens[5].Kind);
    }

    [Fact]
    public void Tokenize_EmojiWithSkinToneAndJoiners_IsOneTokenEach()
    {
        var tokens = Tokens("great👍🏽👨‍👩‍👧!");

        Assert.Equal(["great", "👍🏽", "👨‍👩‍👧", "!"], tokens.Select(t => t.Text));
        Assert.Equal(TextTokenKind.Emoji, tokens[1].Kind);
        Assert.Equal(TextTokenKind.Emoji, tokens[2].Kind);
    }

    [Fact]
    public void Tokenize_AllCaps_IsMarkedForWordsOfTwoOrMoreLetters()
    {
        var tokens = Tokens("I LOVE it OK");

        Assert.Equal([false, true, false, true], tokens.Select(t => t.Caps));
    }

    [Fact]
    public void Sentences_SplitOnEndPunctuationAndLineBreaks()
    {
        var sentences = Sentences("Great service! The parcel came late... Why?\nThanks anyway");

        Assert.Equal(["Great service!", "The parcel came late...", "Why?", "Thanks anyway"], sentences);
    }

    [Fact]
    public void Sentences_AbbreviationFollowedByLowerCase_DoesNotSplit()
    {
        Assert.Equal(["We waited approx. three weeks for it."], Sentences("We waited approx. three weeks for it."));
    }

    [Fact]
    public void Sentences_EmptyOrWhitespace_YieldsNone()
    {
        Assert.Empty(Sentences(""));
        Assert.Empty(Sentences("  \n\n  "));
    }
}
