namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// Finds the themes a set of comments keeps mentioning. Candidates are 1–3 word phrases inside a clause
/// (never across punctuation) that neither start nor end with a stop word; each is counted once per text.
/// Wordings of one theme are merged: the same words in any order and light plural stemming make
/// "late delivery", "delivery late" and "late deliveries" one phrase.
/// <para>Alone, a set is ranked by C-value (Frantzi et al.): frequency, favouring longer phrases, minus the
/// share of a phrase that only ever occurs inside a longer one. Against a baseline (for example last
/// month's comments, to see what is emerging this week) a phrase is ranked by Dunning's log-likelihood of
/// being more frequent now than before. In both, a phrase that mostly occurs inside a longer candidate
/// gives way to it, and a phrase that overlaps one already chosen is skipped, so the list is not
/// "late", "delivery", "late delivery".</para>
/// </summary>
public static class KeyPhrases
{
    private const int MaxWords = 3;
    private const int MinDocuments = 2;
    // A shorter phrase gives way to a longer one holding at least this share of its mentions.
    private const double AbsorbShare = 0.6;
    private static readonly char[] ClauseBreaks = ['.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '"', '\n', '\r', '\t', '|', '/', '–', '—'];

    /// <summary>The <paramref name="top"/> themes of one set of texts.</summary>
    public static IReadOnlyList<KeyPhrase> Discover(IEnumerable<string?> texts, int top) => Run(texts, baseline: null, top);

    /// <summary>The <paramref name="top"/> themes more frequent in <paramref name="current"/> than in <paramref name="baseline"/>.</summary>
    public static IReadOnlyList<KeyPhrase> Discover(IEnumerable<string?> current, IEnumerable<string?> baseline, int top) =>
        Run(current, baseline ?? [], top);

    private static List<KeyPhrase> Run(IEnumerable<string?> texts, IEnumerable<string?>? baseline, int top)
    {
        if (texts is null || top <= 0)
        {
            return [];
        }

        try
        {
            var current = Count(texts);
            var before = baseline is null ? null : Count(baseline);
            return Rank(current, before, top);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Discovery runs over whatever customers wrote; unreadable input yields no themes, never an error.
            return [];
        }
    }

    private sealed class Counts
    {
        public int Texts { get; set; }

        public Dictionary<string, int> Documents { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Dictionary<string, int>> Wordings { get; } = new(StringComparer.Ordinal);
    }

    private static Counts Count(IEnumerable<string?> texts)
    {
        var counts = new Counts();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            counts.Texts++;
            seen.Clear();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var capped = text.Length > TopicText.DefaultMaxChars ? text[..TopicText.DefaultMaxChars] : text;
            foreach (var clause in capped.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries))
            {
                var normalized = TopicText.Normalize(clause);
                var words = new List<string>();
                foreach (var word in TopicText.Words(normalized))
                {
                    words.Add(normalized[word]);
                }

                for (var i = 0; i < words.Count; i++)
                {
                    for (var n = 1; n <= MaxWords && i + n <= words.Count; n++)
                    {
                        if (!IsCandidate(words, i, n))
                        {
                            continue;
                        }

                        var key = Key(words, i, n);
                        var surface = string.Join(' ', words.Skip(i).Take(n));
                        if (seen.Add(key))
                        {
                            counts.Documents[key] = counts.Documents.GetValueOrDefault(key) + 1;
                        }

                        if (!counts.Wordings.TryGetValue(key, out var wordings))
                        {
                            counts.Wordings[key] = wordings = new Dictionary<string, int>(StringComparer.Ordinal);
                        }

                        wordings[surface] = wordings.GetValueOrDefault(surface) + 1;
                    }
                }
            }
        }

        return counts;
    }

    private static bool IsCandidate(List<string> words, int start, int n)
    {
        bool Edge(string word) => word.Length >= 2 && !KeyPhraseStopWords.Words.Contains(word) && !word.All(char.IsAsciiDigit) && word.Length <= 40;
        return Edge(words[start]) && Edge(words[start + n - 1]) && (n > 1 || words[start].Length >= 3);
    }

    /// <summary>Stems in alphabetical order: the same words in any order and number are one theme.</summary>
    private static string Key(List<string> words, int start, int n) =>
        string.Join(' ', words.Skip(start).Take(n).Select(Stem).Order(StringComparer.Ordinal));

    private static string Stem(string word) =>
        word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) ? word[..^1]
        : word;

    private static List<KeyPhrase> Rank(Counts current, Counts? baseline, int top)
    {
        var candidates = current.Documents.Where(p => p.Value >= MinDocuments).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var containers = Containers(candidates.Keys);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, documents) in candidates)
        {
            var score = baseline is null ? CValue(key, documents, candidates, containers) : LogLikelihood(documents, current.Texts, baseline, key);
            if (score > 0)
            {
                scores[key] = score;
            }
        }

        // Short phrases that mostly live inside a longer one hand their score to it and leave.
        foreach (var key in scores.Keys.OrderBy(WordCount).ToList())
        {
            if (containers.TryGetValue(key, out var longer)
                && longer.Where(l => scores.ContainsKey(l) && candidates[l] >= AbsorbShare * candidates[key]).OrderByDescending(l => candidates[l]).ThenBy(l => l, StringComparer.Ordinal).FirstOrDefault() is { } host)
            {
                scores[host] = Math.Max(scores.GetValueOrDefault(host), scores[key]);
                scores.Remove(key);
            }
        }

        var chosen = new List<(string Key, HashSet<string> Words)>();
        var result = new List<KeyPhrase>();
        foreach (var (key, score) in scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            var words = key.Split(' ').ToHashSet(StringComparer.Ordinal);
            if (chosen.Any(c => c.Words.IsSubsetOf(words) || words.IsSubsetOf(c.Words)))
            {
                continue;
            }

            chosen.Add((key, words));
            var wordings = current.Wordings[key].OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToArray();
            result.Add(new KeyPhrase(wordings[0], Math.Round(score, 6), candidates[key], baseline?.Documents.GetValueOrDefault(key) ?? 0, wordings[1..]));
            if (result.Count == top)
            {
                break;
            }
        }

        return result;
    }

    private static int WordCount(string key) => key.Count(c => c == ' ') + 1;

    /// <summary>For each candidate, the longer candidates whose words include all of its words.</summary>
    private static Dictionary<string, List<string>> Containers(IEnumerable<string> keys)
    {
        var set = keys.ToHashSet(StringComparer.Ordinal);
        var containers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in set)
        {
            var words = key.Split(' ');
            if (words.Length == 1)
            {
                continue;
            }

            // Every proper, non-empty subset of the (at most 3) words, kept in the key's sorted order.
            for (var mask = 1; mask < (1 << words.Length) - 1; mask++)
            {
                var sub = string.Join(' ', words.Where((_, i) => (mask & (1 << i)) != 0));
                if (set.Contains(sub))
                {
                    if (!containers.TryGetValue(sub, out var list))
                    {
                        containers[sub] = list = [];
                    }

                    if (!list.Contains(key))
                    {
                        list.Add(key);
                    }
                }
            }
        }

        return containers;
    }

    private static double CValue(string key, int documents, Dictionary<string, int> candidates, Dictionary<string, List<string>> containers)
    {
        var length = Math.Log2(1 + WordCount(key));
        if (!containers.TryGetValue(key, out var longer))
        {
            return length * documents;
        }

        return length * (documents - longer.Average(l => candidates[l]));
    }

    /// <summary>Dunning's G² for "more frequent in the current texts than in the baseline"; 0 when it is not.</summary>
    private static double LogLikelihood(int a, int currentTexts, Counts baseline, string key)
    {
        var b = baseline.Documents.GetValueOrDefault(key);
        double n1 = currentTexts, n2 = Math.Max(1, baseline.Texts);
        if (a / n1 <= b / n2)
        {
            return 0;
        }

        double c = n1 - a, d = n2 - b, n = n1 + n2;
        static double Term(double observed, double expected) => observed > 0 ? observed * Math.Log(observed / expected) : 0;
        var g2 = 2 * (Term(a, n1 * (a + b) / n) + Term(b, n2 * (a + b) / n) + Term(c, n1 * (c + d) / n) + Term(d, n2 * (c + d) / n));
        return g2;
    }
}
