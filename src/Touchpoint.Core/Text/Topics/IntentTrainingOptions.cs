namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// How an <see cref="IntentClassifier"/> is trained. The defaults are the values chosen on a 10% hold-out
/// of Banking77's train.csv (docs/BENCHMARKS.md, text-intents); they are sensible for short customer messages.
/// </summary>
public sealed record IntentTrainingOptions
{
    /// <summary>The defaults, for comparison and display.</summary>
    public static IntentTrainingOptions Default { get; } = new();

    /// <summary>The SVM's cost: higher fits the training tags harder, lower generalises more.</summary>
    public double C { get; init; } = 2;

    /// <summary>Share of the feature vector given to word uni+bigrams; the rest goes to character 2–5-grams.</summary>
    public double WordWeight { get; init; } = 0.3;

    /// <summary>A feature must occur in at least this many training texts to be kept (drops typos and noise, shrinks the model).</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>Multiplies the SVM scores before the softmax that turns them into confidences.</summary>
    public double ConfidenceScale { get; init; } = 5.0;

    /// <summary>Characters of a text read (training and prediction): a topic shows early, a 1 MB paste must stay cheap.</summary>
    public int MaxChars { get; init; } = TopicText.DefaultMaxChars;

    /// <summary>Passes over the data per class at most; training stops earlier when the dual gap closes.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Stopping tolerance on the projected gradient (LIBLINEAR's default for the dual solver).</summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>Seeds the order the examples are visited in: the same seed and data give the same model.</summary>
    public int Seed { get; init; } = 77;

    /// <summary>Classes trained at once (one-vs-rest classes are independent); 0 means every core.</summary>
    public int MaxDegreeOfParallelism { get; init; }
}
