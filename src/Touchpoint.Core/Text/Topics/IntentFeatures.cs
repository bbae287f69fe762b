using System.Runtime.InteropServices;

namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// Turns a text into the classifier's features: word unigrams and bigrams, and character 2–5-grams inside
/// word boundaries (" card", "card " — they carry misspellings, plurals and unseen word forms). Each
/// feature is hashed (FNV-1a, stable across processes, so a saved model reads the same) into one of two
/// blocks of 2^20 buckets, which bounds memory whatever the vocabulary; the trainer keeps only the
/// buckets its texts used.
/// </summary>
internal static class IntentFeatures
{
    public const int BlockBits = 20;
    private const int BucketMask = (1 << BlockBits) - 1;
    private const int CharBlock = 1 << BlockBits;
    private const int MinGram = 2;
    private const int MaxGram = 5;
    // Longer "words" are hashes, URLs or binary noise: their first 40 characters say all the grams will.
    private const int MaxWordForGrams = 40;
    private const uint WordSeed = 2166136261;
    private const uint BigramSeed = 0x9E3779B9;
    private const uint CharSeed = 0x85EBCA6B;

    public static bool IsWordFeature(int key) => key < CharBlock;

    /// <summary>Counts every feature of a text into <paramref name="counts"/> (cleared first).</summary>
    public static void Count(string? text, int maxChars, Dictionary<int, int> counts)
    {
        counts.Clear();
        var normalized = TopicText.Normalize(text, maxChars);
        Span<char> padded = stackalloc char[MaxWordForGrams + 2];
        var previous = default(Range);
        var hasPrevious = false;
        foreach (var word in TopicText.Words(normalized))
        {
            var span = normalized.AsSpan(word);
            Add(counts, (int)(Mix(Fnv(WordSeed, span)) & BucketMask));
            if (hasPrevious)
            {
                var bigram = Fnv(Fnv(Fnv(BigramSeed, normalized.AsSpan(previous)), " "), span);
                Add(counts, (int)(Mix(bigram) & BucketMask));
            }

            previous = word;
            hasPrevious = true;
            var kept = span[..Math.Min(span.Length, MaxWordForGrams)];
            padded[0] = ' ';
            kept.CopyTo(padded[1..]);
            padded[kept.Length + 1] = ' ';
            var grams = padded[..(kept.Length + 2)];
            for (var n = MinGram; n <= MaxGram && n <= grams.Length; n++)
            {
                for (var i = 0; i + n <= grams.Length; i++)
                {
                    Add(counts, CharBlock | (int)(Mix(Fnv(CharSeed, grams.Slice(i, n))) & BucketMask));
                }
            }
        }
    }

    private static void Add(Dictionary<int, int> counts, int key) => CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;

    private static uint Fnv(uint hash, ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    /// <summary>Murmur3's finaliser: FNV's low bits are weak, and the bucket is taken from them.</summary>
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }
}
