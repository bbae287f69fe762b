namespace Touchpoint.Core.Text.Emotions;

/// <summary>
/// Finds Plutchik's eight emotions in a comment, chat line or email, each with an intensity 0..1.
/// Rule based, from the project's own word, phrase and emoji lists (<see cref="EmotionLexicon"/>):
/// a phrase wins over its words; a negation cue up to four words before turns a cue off ("not
/// happy" is not joy); intensifiers, capitals and exclamation marks raise it, dampeners lower it,
/// and the clause before "but" counts half. Cues of one emotion combine as 1 - Π(1 - w).
/// Pure and thread-safe; never throws; text that is not English returns nothing.
/// </summary>
public static class EmotionAnalyzer
{
    /// <summary>Below this an emotion is too faint to report: one mild cue softened by "a bit" still passes,
    /// one weak cue in a clause that "but" overrides does not.</summary>
    public const double ReportThreshold = 0.25;

    private const int NegationWindow = 4;

    [ThreadStatic]
    private static ClauseFacts[]? factsCache;

    public static IReadOnlyList<EmotionScore> Detect(string? text) =>
        NeverThrows.Analyse(text, t => CueText.IsScorable(t) ? DetectEnglish(CueText.Of(t)) : [], []);

    /// <summary>The emotions of a text whose language is already decided (English or no letters), as
    /// <see cref="TextAnalyzer"/> calls it: no second language check, no second tokenizing.</summary>
    internal static IReadOnlyList<EmotionScore> DetectEnglish(CueText text)
    {
        var lower = text.Lower;
        var tokens = text.Tokens;
        var facts = ClauseFacts.Compute(lower, tokens, ref factsCache);
        Span<double> remaining = stackalloc double[8];
        remaining.Fill(1.0);
        var found = false;
        Span<int> lemmas = stackalloc int[8];

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == CueKind.Emoji)
            {
                if (EmotionLexicon.Emoji.TryGetValue(token.Rune, out var emojiHits))
                {
                    found |= Apply(emojiHits, 1.0, remaining);
                }

                continue;
            }

            if (token.Kind != CueKind.Word)
            {
                continue;
            }

            var word = CueTokenizer.Span(lower, token);
            if (EmotionLexicon.PhraseLookup.TryGetValue(word, out var phrases) && MatchPhrase(lower, tokens, i, phrases) is ({ } phrase, var last))
            {
                if (phrase.Hits.Length > 0 && !Negated(lower, tokens, i))
                {
                    found |= Apply(phrase.Hits, Context(lower, tokens, facts, i), remaining);
                }

                i = last;
                continue;
            }

            var hits = Lookup(word, lemmas);
            if (hits is not null && !Negated(lower, tokens, i))
            {
                found |= Apply(hits, Context(lower, tokens, facts, i), remaining);
            }
        }

        if (!found)
        {
            return [];
        }

        var results = new List<EmotionScore>(3);
        foreach (var name in EmotionNames.All)
        {
            var index = Index(name);
            var intensity = 1 - remaining[index];
            if (intensity >= ReportThreshold)
            {
                results.Add(new EmotionScore(name, Math.Round(intensity, 3)));
            }
        }

        results.Sort((a, b) => b.Intensity.CompareTo(a.Intensity));
        return results;
    }

    private static int Index(string name) => name switch
    {
        EmotionNames.Joy => 0,
        EmotionNames.Trust => 1,
        EmotionNames.Fear => 2,
        EmotionNames.Surprise => 3,
        EmotionNames.Sadness => 4,
        EmotionNames.Disgust => 5,
        EmotionNames.Anger => 6,
        _ => 7,
    };

    private static EmotionHit[]? Lookup(ReadOnlySpan<char> word, Span<int> lemmas)
    {
        if (EmotionLexicon.WordLookup.TryGetValue(word, out var hits))
        {
            return hits;
        }

        var n = CueTokenizer.LemmaCandidates(word, lemmas);
        for (var k = 0; k < n; k++)
        {
            if (EmotionLexicon.WordLookup.TryGetValue(word[..lemmas[k]], out hits))
            {
                return hits;
            }
        }

        return null;
    }

    /// <summary>The longest phrase starting at <paramref name="start"/>, and the index of its last token.
    /// A comma inside is allowed ("wait, what"); a sentence end is not.</summary>
    private static (EmotionPhrase? Phrase, int Last) MatchPhrase(string lower, List<CueToken> tokens, int start, EmotionPhrase[] phrases)
    {
        foreach (var phrase in phrases)
        {
            var k = start;
            var matches = true;
            for (var w = 1; w < phrase.Words.Length && matches; w++)
            {
                k++;
                while (k < tokens.Count && tokens[k].Kind == CueKind.ClauseBreak)
                {
                    k++;
                }

                matches = k < tokens.Count && tokens[k].Kind == CueKind.Word && CueTokenizer.Span(lower, tokens[k]).SequenceEqual(phrase.Words[w]);
            }

            if (matches)
            {
                return (phrase, k);
            }
        }

        return (null, start);
    }

    /// <summary>A negation cue in the few words before, within the same clause.</summary>
    internal static bool Negated(string lower, List<CueToken> tokens, int index)
    {
        for (var k = index - 1; k >= 0 && k >= index - NegationWindow; k--)
        {
            var token = tokens[k];
            if (token.Kind != CueKind.Word)
            {
                return false;
            }

            var word = CueTokenizer.Span(lower, token);
            if (word is "but" or "and")
            {
                return false;
            }

            if (CueTokenizer.IsNegation(word) || IsTwoWordNegation(lower, tokens, k, word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"far from pleased", "no longer", "given up hoping", "stopped waiting".</summary>
    private static bool IsTwoWordNegation(string lower, List<CueToken> tokens, int k, ReadOnlySpan<char> word)
    {
        if (word is "stopped" or "quit")
        {
            return true;
        }

        if (k == 0 || tokens[k - 1].Kind != CueKind.Word)
        {
            return false;
        }

        var before = CueTokenizer.Span(lower, tokens[k - 1]);
        return (word is "from" && before is "far") || (word is "up" && before is "given" or "gave");
    }

    /// <summary>How strongly the cue at <paramref name="index"/> is meant: intensifier or dampener just
    /// before, capitals, exclamation marks ending the sentence, and half weight before a "but".</summary>
    private static double Context(string lower, List<CueToken> tokens, ClauseFacts[] facts, int index)
    {
        var factor = 1.0;
        for (var k = index - 1; k >= 0 && k >= index - 2; k--)
        {
            if (tokens[k].Kind != CueKind.Word)
            {
                break;
            }

            var word = CueTokenizer.Span(lower, tokens[k]);
            if (EmotionLexicon.IntensifierLookup.Contains(word))
            {
                factor *= 1.3;
                break;
            }

            if (EmotionLexicon.DampenerLookup.Contains(word))
            {
                factor *= 0.6;
                break;
            }
        }

        var token = tokens[index];
        if (token.AllCaps)
        {
            factor *= 1.2;
        }

        var fact = facts[index];
        factor *= 1 + (0.08 * Math.Min((int)fact.Exclamations, 3));
        if (fact.ButFollows)
        {
            factor *= 0.5;
        }

        return factor;
    }

    private static bool Apply(EmotionHit[] hits, double factor, Span<double> remaining)
    {
        foreach (var hit in hits)
        {
            var weight = Math.Min(0.98, hit.Weight * factor);
            remaining[hit.Emotion] *= 1 - weight;
        }

        return hits.Length > 0;
    }
}
