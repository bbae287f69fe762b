namespace Touchpoint.Core.Text.Topics;

/// <summary>A sparse feature vector: column indexes in ascending order and their TF-IDF values.</summary>
internal readonly record struct SparseRow(int[] Columns, float[] Values)
{
    public bool IsEmpty => Columns.Length == 0;
}

/// <summary>
/// The features a model knows (the hashed buckets its training texts used, in ascending order, so word
/// columns come before character columns) and their IDF. Turns a text into the TF-IDF vector training and
/// prediction both see: sublinear term frequency (1 + ln tf: the fifth "card" in a message adds little),
/// times IDF, each block (words, characters) L2-normalised on its own and then weighted, so the many
/// character grams do not drown the few word features. Immutable, so one instance serves every thread.
/// </summary>
internal sealed class FeatureSpace
{
    private readonly Dictionary<int, int> _columns;
    private readonly int _wordColumns;

    public FeatureSpace(int[] sortedKeys, float[] idf, double wordWeight, int maxChars)
    {
        Keys = sortedKeys;
        Idf = idf;
        WordWeight = wordWeight;
        MaxChars = maxChars;
        _columns = new Dictionary<int, int>(sortedKeys.Length);
        for (var i = 0; i < sortedKeys.Length; i++)
        {
            _columns[sortedKeys[i]] = i;
            _wordColumns += IntentFeatures.IsWordFeature(sortedKeys[i]) ? 1 : 0;
        }
    }

    public int[] Keys { get; }

    public float[] Idf { get; }

    public double WordWeight { get; }

    public int MaxChars { get; }

    public int Count => Keys.Length;

    /// <summary>The vector of a text; <paramref name="scratch"/> is a reusable counting buffer.</summary>
    public SparseRow Vectorize(string? text, Dictionary<int, int> scratch)
    {
        IntentFeatures.Count(text, MaxChars, scratch);
        return Weigh(scratch);
    }

    /// <summary>The vector of already counted features; keys the model does not know are dropped.</summary>
    public SparseRow Weigh(Dictionary<int, int> counts)
    {
        var cols = new List<int>(counts.Count);
        foreach (var key in counts.Keys)
        {
            if (_columns.TryGetValue(key, out var column))
            {
                cols.Add(column);
            }
        }

        if (cols.Count == 0)
        {
            return new SparseRow([], []);
        }

        cols.Sort();
        var columns = cols.ToArray();
        var values = new float[columns.Length];
        double wordNorm = 0, charNorm = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            var value = (1 + Math.Log(counts[Keys[columns[i]]])) * Idf[columns[i]];
            values[i] = (float)value;
            if (columns[i] < _wordColumns)
            {
                wordNorm += value * value;
            }
            else
            {
                charNorm += value * value;
            }
        }

        var wordScale = wordNorm > 0 ? Math.Sqrt(WordWeight / wordNorm) : 0;
        var charScale = charNorm > 0 ? Math.Sqrt((1 - WordWeight) / charNorm) : 0;
        for (var i = 0; i < columns.Length; i++)
        {
            values[i] = (float)(values[i] * (columns[i] < _wordColumns ? wordScale : charScale));
        }

        return new SparseRow(columns, values);
    }
}
