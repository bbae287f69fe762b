using MathNet.Numerics.LinearAlgebra;

namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>
/// A logistic model p = 1 / (1 + e^-(b0 + sum_j w_j x_j)), fitted by maximum a posteriori: the
/// log-likelihood sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)] minus (lambda / 2) |beta - prior|^2, so with
/// little data the weights stay near the prior and with much data the data decides. Newton-Raphson:
/// beta := beta + (X'WX + lambda I)^-1 (X'(y - p) - lambda (beta - prior)), W = diag(p_i (1 - p_i)).
/// </summary>
public sealed class LogisticModel(double intercept, IReadOnlyList<double> weights)
{
    public double Intercept { get; } = intercept;
    public IReadOnlyList<double> Weights { get; } = weights;

    public double LogOdds(IReadOnlyList<double> x)
    {
        var z = Intercept;
        for (var j = 0; j < Weights.Count; j++)
        {
            z += Weights[j] * x[j];
        }

        return z;
    }

    public double Probability(IReadOnlyList<double> x) => 1 / (1 + Math.Exp(-LogOdds(x)));

    public static LogisticModel Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, LogisticModel prior, double lambda, int iterations = 50)
    {
        var p = prior.Weights.Count + 1;
        var mean = Vector<double>.Build.Dense(p, j => j == 0 ? prior.Intercept : prior.Weights[j - 1]);
        var beta = mean.Clone();
        var design = Matrix<double>.Build.Dense(x.Count, p, (i, j) => j == 0 ? 1 : x[i][j - 1]);
        var outcome = Vector<double>.Build.Dense(y.Count, i => y[i] ? 1 : 0);
        var penalty = Matrix<double>.Build.DenseIdentity(p) * lambda;
        for (var step = 0; step < iterations; step++)
        {
            var probabilities = (design * beta).Map(z => 1 / (1 + Math.Exp(-z)));
            var gradient = (design.TransposeThisAndMultiply(outcome - probabilities)) - (lambda * (beta - mean));
            var weighted = design.Clone();
            for (var i = 0; i < weighted.RowCount; i++)
            {
                weighted.SetRow(i, weighted.Row(i) * (probabilities[i] * (1 - probabilities[i])));
            }

            var information = design.TransposeThisAndMultiply(weighted) + penalty;
            var change = information.Solve(gradient);
            beta += change;
            if (change.AbsoluteMaximum() < 1e-9)
            {
                break;
            }
        }

        return new LogisticModel(beta[0], beta.SubVector(1, p - 1).ToArray());
    }
}
