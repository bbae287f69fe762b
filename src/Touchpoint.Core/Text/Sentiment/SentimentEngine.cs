using System.Buffers;
using System.Collections.Frozen;

namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// The VADER scorer with the project's additions. Immutable after construction, so one instance serves
/// every thread. Per text it allocates only the result: words live in a pooled array, the lexicon is
/// looked up by span.
/// </summary>
internal sealed class SentimentEngine
{
    /// <summary>Longer texts are scored on their first 100,000 characters: enough for any comment or email, and bounded time.</summary>
    public const int MaxChars = 100_000;

    private static readonly Lazy<SentimentEngine> DefaultEngine = new(() => new SentimentEngine(SentimentSettings.Default));

    private readonly FrozenDictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly PhraseIndex _phrases;
    private readonly TextInputLanguage.KnownWord _isKnownWord;
    private readonly bool _strictNo;

    public SentimentEngine(SentimentSettings settings)
    {
        _strictNo = settings.StrictNo;
        _words = SentimentLexicon.Build(settings).GetAlternateLookup<ReadOnlySpan<char>>();
        var idioms = VaderRules.Idioms.Select(i => PhraseRule.Parse(i.Phrase, i.Valence, ServicePhrases.CountWords));
        var service = settings.ServiceLanguage
            ? ServicePhrases.Rules.Select(r => PhraseRule.Parse(r.Pattern, r.Valence, ServicePhrases.CountWords))
            : [];
        _phrases = new PhraseIndex(idioms.Concat(service));
        _isKnownWord = word => _words.TryGetValue(word, out var info) && (info.HasValence || info.Booster != 0 || info.Role != WordRole.None);
    }

    public static SentimentEngine Default => DefaultEngine.Value;

    /// <summary>The language check every analyser shares: the stop words, plus this engine's lexicon as known English.</summary>
    public string? DetectLanguage(ReadOnlySpan<char> text) => TextInputLanguage.Detect(text, _isKnownWord);

    public SentimentScore Score(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxChars)
        {
            text = text[..(char.IsHighSurrogate(text[MaxChars - 1]) ? MaxChars - 1 : MaxChars)];
        }

        // Curly apostrophes ("didn’t") would miss the lexicon and the negations; straighten them once.
        if (text.Contains('\u2019'))
        {
            return Score(text.ToString().Replace('\u2019', '\'').AsSpan());
        }

        var language = TextInputLanguage.Detect(text, _isKnownWord, out var wordCount, out var capsCount);
        if (language is not null and not TextInputLanguage.English)
        {
            return SentimentScore.NotScored(language);
        }

        // As VADER: capitals emphasise only when the text is not written all in capitals.
        var capDiff = capsCount > 0 && capsCount < wordCount;
        var pool = ArrayPool<SentenceWord>.Shared.Rent(Math.Min(text.Length, MaxChars) + 1);
        try
        {
            var sentences = new List<SentenceSentiment>();
            var document = new Tally();
            foreach (var range in new TextInputSentences(text))
            {
                var (start, length) = range.GetOffsetAndLength(text.Length);
                var sentence = text.Slice(start, length);
                var count = Collect(sentence, pool);
                if (count == 0)
                {
                    continue;
                }

                var words = pool.AsSpan(0, count);
                MatchPhrases(sentence, words);
                var tally = new Tally();
                ScoreWords(sentence, words, capDiff, ref tally);
                var emphasis = PunctuationEmphasis(sentence);
                var compound = Normalize(tally.Sum == 0 ? 0 : tally.Sum + (Math.Sign(tally.Sum) * emphasis));
                sentences.Add(new SentenceSentiment(start, length, compound, SentimentScore.LabelOf(compound)));
                document.Add(tally);
            }

            if (document.Items == 0 || document.Items == document.Numbers)
            {
                return SentimentScore.NotScored(language);
            }

            // As VADER: "!" and "?" emphasis is counted over the whole text, once.
            var documentEmphasis = PunctuationEmphasis(text);
            var sum = document.Sum == 0 ? 0 : document.Sum + (Math.Sign(document.Sum) * documentEmphasis);
            var documentCompound = Normalize(sum);
            var (positive, negative, neutral) = document.Shares(documentEmphasis);
            return new SentimentScore(documentCompound, positive, negative, neutral, SentimentScore.LabelOf(documentCompound), sentences, language, true);
        }
        finally
        {
            ArrayPool<SentenceWord>.Shared.Return(pool);
        }
    }

    /// <summary>VADER's normalisation of a sum of valences into -1..1.</summary>
    public static double Normalize(double sum) => Math.Clamp(sum / Math.Sqrt((sum * sum) + VaderRules.Alpha), -1, 1);

    private int Collect(ReadOnlySpan<char> sentence, SentenceWord[] pool)
    {
        var count = 0;
        foreach (var token in new TextInputTokenizer(sentence))
        {
            if (token.Kind == TextTokenKind.Punctuation || count >= pool.Length)
            {
                continue;
            }

            var span = token.Of(sentence);
            var info = token.Kind == TextTokenKind.Emoji
                ? new WordInfo(EmojiValences.Of(span), 0, WordRole.None)
                : _words.TryGetValue(span, out var found) ? found : new WordInfo(double.NaN, 0, WordRole.None);
            if (token.Kind == TextTokenKind.Word && span.Length > 3 && (span.EndsWith("n't", StringComparison.OrdinalIgnoreCase)))
            {
                info = info with { Role = info.Role | WordRole.Negation };
            }

            pool[count++] = new SentenceWord { Start = token.Start, Length = token.Length, Kind = token.Kind, AllCaps = token.AllCaps, Info = info };
        }

        return count;
    }

    private void MatchPhrases(ReadOnlySpan<char> sentence, Span<SentenceWord> words)
    {
        for (var i = 0; i < words.Length;)
        {
            var (length, valence) = words[i].Kind is TextTokenKind.Word or TextTokenKind.Number ? _phrases.Longest(sentence, words, i) : (0, 0);
            if (length == 0)
            {
                i++;
                continue;
            }

            words[i].PhraseHead = true;
            words[i].PhraseValence = valence;
            for (var k = 1; k < length; k++)
            {
                words[i + k].InPhrase = true;
            }

            i += length;
        }
    }

    private void ScoreWords(ReadOnlySpan<char> sentence, Span<SentenceWord> words, bool capDiff, ref Tally tally)
    {
        var but = -1;
        for (var i = 0; i < words.Length; i++)
        {
            if (but < 0 && words[i].Has(WordRole.But) && !words[i].InPhrase)
            {
                but = i;
            }

            words[i].Valence = words[i].InPhrase ? 0 : Valence(sentence, words, i, capDiff);
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].InPhrase)
            {
                continue;
            }

            // Contrast: what follows "but" outweighs what came before it.
            var v = words[i].Valence;
            if (but >= 0)
            {
                v *= i < but ? 0.5 : i > but ? 1.5 : 1;
            }

            tally.Add(v, words[i].Kind == TextTokenKind.Number);
        }
    }

    /// <summary>Whether nothing but spaces stands between two words: no comma, stop or bracket parts them.</summary>
    private static bool Joined(ReadOnlySpan<char> sentence, ReadOnlySpan<SentenceWord> words, int from, int to)
    {
        foreach (var c in sentence[(words[from].Start + words[from].Length)..words[to].Start])
        {
            if (char.IsPunctuation(c) && c != '\'')
            {
                return false;
            }
        }

        return true;
    }

    private double Valence(ReadOnlySpan<char> sentence, ReadOnlySpan<SentenceWord> words, int i, bool capDiff)
    {
        var word = words[i];
        double v;
        if (word.PhraseHead)
        {
            v = word.PhraseValence;
        }
        else
        {
            if (word.Info.Booster != 0 || !word.Info.HasValence
                || (word.Has(WordRole.KindOrSort) && i + 1 < words.Length && words[i + 1].Has(WordRole.Of)))
            {
                return 0;
            }

            v = word.Info.Valence;

            // "no" is a negation, not a sentiment, when a sentiment word follows it ("no help"). Stricter than VADER
            // (see SentimentSettings.StrictNo): not across punctuation, and not over another "no".
            if (word.Has(WordRole.No) && i + 1 < words.Length && words[i + 1].HasValence
                && (!_strictNo || (!words[i + 1].Has(WordRole.No) && Joined(sentence, words, i, i + 1))))
            {
                v = 0;
            }

            if ((!_strictNo || !word.Has(WordRole.No))
                && ((i > 0 && words[i - 1].Has(WordRole.No) && (!_strictNo || Joined(sentence, words, i - 1, i)))
                    || (i > 1 && words[i - 2].Has(WordRole.No) && (!_strictNo || Joined(sentence, words, i - 2, i)))
                    || (i > 2 && words[i - 3].Has(WordRole.No) && words[i - 1].Has(WordRole.OrNor))))
            {
                v = word.Info.Valence * VaderRules.NegationScalar;
            }

            if (word.AllCaps && capDiff)
            {
                v += v > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
            }
        }

        // Up to three words before: boosters and dampeners (weaker with distance), then negations.
        for (var k = 0; k < 3; k++)
        {
            var j = i - k - 1;
            if (j < 0)
            {
                break;
            }

            if (words[j].HasValence)
            {
                continue;
            }

            var s = Scalar(words, j, v, capDiff);
            var boosted = v + (k switch { 1 => s * 0.95, 2 => s * 0.9, _ => s });

            // A dampener weakens a word down to neutral, never past it ("kind of nice" is not negative).
            v = v != 0 && Math.Sign(boosted) != Math.Sign(v) ? 0 : boosted;
            v = NegationCheck(words, v, k, i);
        }

        // "least": "the least helpful" is negative, "at least helpful" is not.
        if (i > 0 && !words[i - 1].HasValence && words[i - 1].Has(WordRole.Least)
            && !(i > 1 && words[i - 2].Has(WordRole.AtOrVery)))
        {
            v *= VaderRules.NegationScalar;
        }

        return v;
    }

    private static double Scalar(ReadOnlySpan<SentenceWord> words, int j, double valence, bool capDiff)
    {
        var scalar = words[j].Info.Booster;
        if (scalar == 0 && j > 0 && words[j].Has(WordRole.Of) && words[j - 1].Has(WordRole.KindOrSort))
        {
            scalar = -VaderRules.BoosterIncrement; // "kind of", "sort of"
        }

        if (scalar == 0)
        {
            return 0;
        }

        if (valence < 0)
        {
            scalar = -scalar;
        }

        if (words[j].AllCaps && capDiff)
        {
            scalar += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
        }

        return scalar;
    }

    private static double NegationCheck(ReadOnlySpan<SentenceWord> words, double v, int k, int i)
    {
        switch (k)
        {
            case 0:
                return words[i - 1].Has(WordRole.Negation) ? v * VaderRules.NegationScalar : v;
            case 1:
                if (words[i - 2].Has(WordRole.Never) && words[i - 1].Has(WordRole.SoOrThis))
                {
                    return v * 1.25; // "never so good"
                }

                if (words[i - 2].Has(WordRole.Without) && words[i - 1].Has(WordRole.Doubt))
                {
                    return v; // "without doubt" affirms
                }

                return words[i - 2].Has(WordRole.Negation) ? v * VaderRules.NegationScalar : v;
            default:
                if (words[i - 3].Has(WordRole.Never) && (words[i - 2].Has(WordRole.SoOrThis) || words[i - 1].Has(WordRole.SoOrThis)))
                {
                    return v * 1.25;
                }

                if (words[i - 3].Has(WordRole.Without) && (words[i - 2].Has(WordRole.Doubt) || words[i - 1].Has(WordRole.Doubt)))
                {
                    return v;
                }

                return words[i - 3].Has(WordRole.Negation) ? v * VaderRules.NegationScalar : v;
        }
    }

    private static double PunctuationEmphasis(ReadOnlySpan<char> text)
    {
        var exclamations = Math.Min(text.Count('!'), VaderRules.MaxExclamations);
        var questions = text.Count('?');
        var questionEmphasis = questions <= 1 ? 0 : questions <= 3 ? questions * VaderRules.QuestionIncrement : VaderRules.MaxQuestionEmphasis;
        return (exclamations * VaderRules.ExclamationIncrement) + questionEmphasis;
    }

    /// <summary>Running sums over scored items, as VADER's sift of positive, negative and neutral.</summary>
    private struct Tally
    {
        public double Sum;
        public double PositiveSum;
        public double NegativeSum;
        public int NeutralCount;
        public int Items;
        public int Numbers;

        public void Add(double v, bool number)
        {
            Items++;
            Numbers += number ? 1 : 0;
            Sum += v;
            if (v > 0)
            {
                PositiveSum += v + 1;
            }
            else if (v < 0)
            {
                NegativeSum += v - 1;
            }
            else
            {
                NeutralCount++;
            }
        }

        public void Add(Tally other)
        {
            Items += other.Items;
            Numbers += other.Numbers;
            Sum += other.Sum;
            PositiveSum += other.PositiveSum;
            NegativeSum += other.NegativeSum;
            NeutralCount += other.NeutralCount;
        }

        public readonly (double Positive, double Negative, double Neutral) Shares(double emphasis)
        {
            var positive = PositiveSum;
            var negative = NegativeSum;
            if (positive > Math.Abs(negative))
            {
                positive += emphasis;
            }
            else if (positive < Math.Abs(negative))
            {
                negative -= emphasis;
            }

            var total = positive + Math.Abs(negative) + NeutralCount;
            return total == 0 ? (0, 0, 0) : (positive / total, Math.Abs(negative) / total, NeutralCount / total);
        }
    }
}
