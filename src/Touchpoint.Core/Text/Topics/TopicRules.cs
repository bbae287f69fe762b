namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// A taxonomy compiled once into a token trie, then matched against any number of texts: each word of the
/// text starts a walk down the trie (exact words by dictionary, wildcard words by prefix), so a text costs
/// one pass whatever the taxonomy's size. Compile again after the taxonomy changes; a compiled instance is
/// immutable and thread-safe, and <see cref="Match"/> never throws.
/// </summary>
public sealed class TopicRules
{
    private readonly TrieNode _root = new();
    private readonly CompiledTopic[] _topics;

    private TopicRules(TopicTaxonomy taxonomy)
    {
        var topics = new List<CompiledTopic>();
        foreach (var topic in taxonomy.Topics ?? [])
        {
            Add(topic, parent: null, topics);
        }

        _topics = [.. topics];
    }

    /// <summary>The topics of the taxonomy, by path, in tree order.</summary>
    public IReadOnlyList<string> Paths => _topics.Select(t => t.Path).ToArray();

    public static TopicRules Compile(TopicTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return new TopicRules(taxonomy);
    }

    /// <summary>The topics the text mentions, in taxonomy order; empty when none (or the text is unreadable).</summary>
    public IReadOnlyList<TopicMatch> Match(string? text)
    {
        try
        {
            return MatchCore(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Topics are tagged on ingest: a text the matcher cannot read gets no topic, never an error.
            return [];
        }
    }

    private List<TopicMatch> MatchCore(string? text)
    {
        var normalized = TopicText.Normalize(text);
        var words = new List<Range>();
        foreach (var word in TopicText.Words(normalized))
        {
            words.Add(word);
        }

        var hits = new List<Hit>();
        for (var start = 0; start < words.Count; start++)
        {
            Walk(_root, normalized, words, start, start, hits);
        }

        var matches = new List<TopicMatch>();
        if (hits.Count == 0)
        {
            return matches;
        }

        for (var t = 0; t < _topics.Length; t++)
        {
            var topic = _topics[t];
            var mentions = Mentions(hits, t, topic);
            if (mentions.Count >= Math.Max(1, topic.MinimumCount))
            {
                var evidence = mentions.Select(h => string.Join(' ', words.Skip(h.Start).Take(h.End - h.Start + 1).Select(w => normalized[w])))
                    .Distinct(StringComparer.Ordinal).ToArray();
                matches.Add(new TopicMatch(topic.Path, topic.Name, mentions.Count, evidence));
            }
        }

        return matches;
    }

    /// <summary>The topic's keyword hits left after exclusions, overlapping hits counted once (the longest wins).</summary>
    private static List<Hit> Mentions(List<Hit> hits, int topic, CompiledTopic compiled)
    {
        var exclusions = hits.Where(h => h.Exclusion && compiled.ExcludedBy.Contains(h.Topic)).ToList();
        var kept = new List<Hit>();
        foreach (var hit in hits.Where(h => !h.Exclusion && h.Topic == topic).OrderBy(h => h.Start).ThenByDescending(h => h.End))
        {
            if (exclusions.Any(x => x.Start <= hit.End && hit.Start <= x.End) || (kept.Count > 0 && kept[^1].End >= hit.Start))
            {
                continue;
            }

            kept.Add(hit);
        }

        return kept;
    }

    private static void Walk(TrieNode node, string text, List<Range> words, int start, int next, List<Hit> hits)
    {
        if (next >= words.Count)
        {
            return;
        }

        var word = text.AsSpan(words[next]);
        if (node.Exact.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var child))
        {
            Reached(child, text, words, start, next, hits);
        }

        foreach (var (prefix, wildcard) in node.Prefixes)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal))
            {
                Reached(wildcard, text, words, start, next, hits);
            }
        }
    }

    private static void Reached(TrieNode node, string text, List<Range> words, int start, int end, List<Hit> hits)
    {
        foreach (var (topic, exclusion) in node.Terminals)
        {
            hits.Add(new Hit(topic, exclusion, start, end));
        }

        Walk(node, text, words, start, end + 1, hits);
    }

    private void Add(TopicDefinition definition, CompiledTopic? parent, List<CompiledTopic> topics)
    {
        var name = (definition.Name ?? "").Trim();
        var index = topics.Count;
        var excludedBy = new HashSet<int>(parent?.ExcludedBy ?? []) { index };
        var compiled = new CompiledTopic(name, parent is null ? name : parent.Path + TopicMatch.PathSeparator + name, definition.MinimumCount, excludedBy);
        topics.Add(compiled);
        foreach (var keyword in definition.Keywords ?? [])
        {
            Insert(keyword, index, exclusion: false);
        }

        foreach (var exclusion in definition.Exclusions ?? [])
        {
            Insert(exclusion, index, exclusion: true);
        }

        foreach (var child in definition.Children ?? [])
        {
            Add(child, compiled, topics);
        }
    }

    /// <summary>Adds a pattern's words to the trie; a word ending in * becomes a prefix edge.</summary>
    private void Insert(string? pattern, int topic, bool exclusion)
    {
        var node = _root;
        var any = false;
        foreach (var raw in (pattern ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var wildcard = raw.EndsWith('*');
            var normalized = TopicText.Normalize(raw);
            var parts = new List<string>();
            foreach (var word in TopicText.Words(normalized))
            {
                parts.Add(normalized[word]);
            }

            for (var i = 0; i < parts.Count; i++)
            {
                node = wildcard && i == parts.Count - 1 ? node.PrefixChild(parts[i]) : node.ExactChild(parts[i]);
                any = true;
            }
        }

        // A pattern of only symbols ("***", "!") has no words and would match everything: it is ignored.
        if (any)
        {
            node.Terminals.Add((topic, exclusion));
        }
    }

    private sealed record CompiledTopic(string Name, string Path, int MinimumCount, HashSet<int> ExcludedBy);

    private readonly record struct Hit(int Topic, bool Exclusion, int Start, int End);

    private sealed class TrieNode
    {
        public Dictionary<string, TrieNode> Exact { get; } = new(StringComparer.Ordinal);

        public List<(string Prefix, TrieNode Node)> Prefixes { get; } = [];

        public List<(int Topic, bool Exclusion)> Terminals { get; } = [];

        public TrieNode ExactChild(string word)
        {
            if (!Exact.TryGetValue(word, out var child))
            {
                Exact[word] = child = new TrieNode();
            }

            return child;
        }

        public TrieNode PrefixChild(string prefix)
        {
            foreach (var (existing, node) in Prefixes)
            {
                if (existing == prefix)
                {
                    return node;
                }
            }

            var child = new TrieNode();
            Prefixes.Add((prefix, child));
            return child;
        }
    }
}
