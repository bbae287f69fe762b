namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// A trainable intent (or topic) classifier that learns from the tags people put on comments: TF-IDF over
/// word uni+bigrams and character 2–5-grams, hashed, with one linear SVM per label (see
/// <see cref="IntentTrainer"/>). A trained model is immutable and thread-safe; it round-trips exactly
/// through <see cref="Save(Stream)"/> / <see cref="Load(Stream)"/> so it can be stored in the database.
/// Prediction never throws: a text with nothing the model knows is <see cref="IntentPrediction.Unknown"/>.
/// </summary>
public sealed class IntentClassifier
{
    /// <summary>The label of a text the model cannot place (empty, another script, only unseen words).</summary>
    public const string UnknownLabel = "unknown";

    private readonly string[] _labels;
    private readonly float[] _weights;
    private readonly float[] _bias;

    internal IntentClassifier(string[] labels, FeatureSpace space, float[] weights, float[] bias, IntentTrainingOptions options)
    {
        _labels = labels;
        Space = space;
        _weights = weights;
        _bias = bias;
        Options = options;
    }

    /// <summary>The labels the model can predict, in ordinal order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The options it was trained with.</summary>
    public IntentTrainingOptions Options { get; }

    /// <summary>Features kept after training (after the minimum document frequency).</summary>
    public int FeatureCount => Space.Count;

    internal FeatureSpace Space { get; }

    internal float[] Weights => _weights;

    internal float[] Bias => _bias;

    /// <summary>Learns labels from tagged texts. Blank labels are skipped; no examples give a model that answers unknown.</summary>
    public static IntentClassifier Train(IEnumerable<(string Text, string Label)> examples, IntentTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return IntentTrainer.Train(examples, options ?? new IntentTrainingOptions());
    }

    /// <summary>
    /// The same model with another softmax scale: changes the confidences (for calibrating them on tagged
    /// texts the model did not learn from), never which label wins. Shares the weights; costs no retraining.
    /// </summary>
    public IntentClassifier WithConfidenceScale(double scale) =>
        new(_labels, Space, _weights, _bias, Options with { ConfidenceScale = double.IsFinite(scale) && scale > 0 ? scale : Options.ConfidenceScale });

    /// <summary>The most likely label and its confidence.</summary>
    public IntentPrediction Predict(string? text) => TopK(text, 1) is [var best] ? best : IntentPrediction.Unknown;

    /// <summary>The <paramref name="k"/> most likely labels, best first; empty when the text has nothing the model knows.</summary>
    public IReadOnlyList<IntentPrediction> TopK(string? text, int k)
    {
        if (k <= 0 || _labels.Length == 0)
        {
            return [];
        }

        try
        {
            var row = Space.Vectorize(text, Scratch);
            if (row.IsEmpty)
            {
                return [];
            }

            var probabilities = Probabilities(row);
            var order = Enumerable.Range(0, _labels.Length).OrderByDescending(i => probabilities[i]).ThenBy(i => i).Take(k);
            return order.Select(i => new IntentPrediction(_labels[i], probabilities[i])).ToArray();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The analyser runs on every ingested message: a text it cannot read is "unknown", never an error.
            return [];
        }
    }

    /// <summary>Writes the model in its compact binary form (see <see cref="IntentModelFormat"/>).</summary>
    public void Save(Stream stream) => IntentModelFormat.Write(this, stream);

    /// <summary>The model as bytes, for a database column.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        Save(buffer);
        return buffer.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Save(Stream)"/>; throws <see cref="InvalidDataException"/> when the bytes are not one.</summary>
    public static IntentClassifier Load(Stream stream) => IntentModelFormat.Read(stream);

    /// <inheritdoc cref="Load(Stream)"/>
    public static IntentClassifier Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var buffer = new MemoryStream(bytes, writable: false);
        return Load(buffer);
    }

    private double[] Probabilities(SparseRow row)
    {
        var classes = _labels.Length;
        var scores = new double[classes];
        for (var k = 0; k < classes; k++)
        {
            scores[k] = _bias[k];
        }

        for (var j = 0; j < row.Columns.Length; j++)
        {
            var offset = row.Columns[j] * classes;
            var value = row.Values[j];
            for (var k = 0; k < classes; k++)
            {
                scores[k] += _weights[offset + k] * value;
            }
        }

        // Softmax of the scaled SVM margins: not a calibrated probability, but ordered and comparable
        // across texts, which is what a confidence threshold in a rule needs.
        var max = scores.Max();
        double sum = 0;
        for (var k = 0; k < classes; k++)
        {
            scores[k] = Math.Exp((scores[k] - max) * Options.ConfidenceScale);
            sum += scores[k];
        }

        for (var k = 0; k < classes; k++)
        {
            scores[k] /= sum;
        }

        return scores;
    }

    [ThreadStatic]
    private static Dictionary<int, int>? s_scratch;

    private static Dictionary<int, int> Scratch => s_scratch ??= new Dictionary<int, int>();
}
