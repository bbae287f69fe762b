namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// Fits the classifier: one linear SVM per label against the rest (L2-regularised, squared hinge loss),
/// solved by dual coordinate descent — the method of LIBLINEAR (Hsieh et al., ICML 2008), written here
/// because ML.NET is not available. Classes are independent, so they train in parallel on every core;
/// each class visits the examples in an order drawn from the seed, so the same data and seed always
/// give the same model whatever the thread timing.
/// </summary>
internal static class IntentTrainer
{
    // A constant feature gives each class its own intercept (LIBLINEAR's -B 1).
    private const double BiasFeature = 1.0;

    public static IntentClassifier Train(IEnumerable<(string Text, string Label)> examples, IntentTrainingOptions options)
    {
        var data = examples.Where(e => !string.IsNullOrWhiteSpace(e.Label)).Select(e => (Text: e.Text ?? "", Label: e.Label.Trim())).ToList();
        var labels = data.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount };

        var counted = new Dictionary<int, int>[data.Count];
        Parallel.For(0, data.Count, parallel, i =>
        {
            var counts = new Dictionary<int, int>();
            IntentFeatures.Count(data[i].Text, options.MaxChars, counts);
            counted[i] = counts;
        });

        var space = BuildSpace(counted, options);
        var rows = new SparseRow[data.Count];
        Parallel.For(0, data.Count, parallel, i => rows[i] = space.Weigh(counted[i]));
        var labelIndex = labels.Select((label, index) => (label, index)).ToDictionary(p => p.label, p => p.index, StringComparer.Ordinal);
        var targets = data.Select(e => labelIndex[e.Label]).ToArray();

        var classes = labels.Length;
        var weights = new float[space.Count * classes];
        var bias = new float[classes];
        // With a single label there is nothing to separate: its weights stay zero and it always wins.
        if (classes > 1)
        {
            Parallel.For(0, classes, parallel, k =>
            {
                var w = SolveOneVsRest(rows, targets, k, space.Count, options);
                for (var j = 0; j < space.Count; j++)
                {
                    weights[(j * classes) + k] = (float)w[j];
                }

                bias[k] = (float)(w[space.Count] * BiasFeature);
            });
        }

        return new IntentClassifier(labels, space, weights, bias, options);
    }

    private static FeatureSpace BuildSpace(Dictionary<int, int>[] counted, IntentTrainingOptions options)
    {
        var documentFrequency = new Dictionary<int, int>();
        foreach (var counts in counted)
        {
            foreach (var key in counts.Keys)
            {
                documentFrequency[key] = documentFrequency.GetValueOrDefault(key) + 1;
            }
        }

        var minimum = Math.Max(1, options.MinDocumentFrequency);
        var keys = documentFrequency.Where(p => p.Value >= minimum).Select(p => p.Key).Order().ToArray();
        var n = counted.Length;
        // Smoothed IDF, as scikit-learn's: a feature in every text still weighs 1, never 0.
        var idf = keys.Select(k => (float)(Math.Log((1.0 + n) / (1.0 + documentFrequency[k])) + 1.0)).ToArray();
        return new FeatureSpace(keys, idf, Math.Clamp(options.WordWeight, 0, 1), options.MaxChars);
    }

    /// <summary>Dual coordinate descent for one class (y = +1) against all others (y = -1); returns w with the bias last.</summary>
    private static double[] SolveOneVsRest(SparseRow[] rows, int[] targets, int positive, int features, IntentTrainingOptions options)
    {
        var w = new double[features + 1];
        var n = rows.Length;
        var alpha = new double[n];
        var diagonal = 0.5 / options.C;
        var qd = new double[n];
        for (var i = 0; i < n; i++)
        {
            double squared = BiasFeature * BiasFeature;
            foreach (var v in rows[i].Values)
            {
                squared += v * v;
            }

            qd[i] = squared + diagonal;
        }

        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(options.Seed + positive);
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            random.Shuffle(order);
            double maxGradient = double.NegativeInfinity, minGradient = double.PositiveInfinity;
            foreach (var i in order)
            {
                var row = rows[i];
                double y = targets[i] == positive ? 1 : -1;
                var margin = w[features] * BiasFeature;
                for (var j = 0; j < row.Columns.Length; j++)
                {
                    margin += w[row.Columns[j]] * row.Values[j];
                }

                var gradient = (y * margin) - 1 + (diagonal * alpha[i]);
                var projected = alpha[i] == 0 ? Math.Min(gradient, 0) : gradient;
                maxGradient = Math.Max(maxGradient, projected);
                minGradient = Math.Min(minGradient, projected);
                if (Math.Abs(projected) < 1e-12)
                {
                    continue;
                }

                var previous = alpha[i];
                alpha[i] = Math.Max(previous - (gradient / qd[i]), 0);
                var step = (alpha[i] - previous) * y;
                for (var j = 0; j < row.Columns.Length; j++)
                {
                    w[row.Columns[j]] += step * row.Values[j];
                }

                w[features] += step * BiasFeature;
            }

            if (maxGradient - minGradient <= options.Tolerance)
            {
                break;
            }
        }

        return w;
    }
}
