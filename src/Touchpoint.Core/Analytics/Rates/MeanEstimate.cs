using MathNet.Numerics.Distributions;

namespace Touchpoint.Core.Analytics.Rates;

/// <summary>
/// The mean of n answers with its sample standard deviation s = √(Σ(x − x̄)² / (n − 1)) and its 95% margin
/// t(0.975, n − 1) · s / √n: Student's t, not z, because s is estimated from the same few answers.
/// <see cref="Mean"/> and the rest are null below the workspace's minimum number of answers ("too few answers").
/// </summary>
public sealed record MeanEstimate(int N, double? Mean, double? StandardDeviation, double? MarginOfError)
{
    public static MeanEstimate Of(IReadOnlyCollection<int> values, int minimumAnswers)
    {
        var n = values.Count;
        if (n < Math.Max(2, minimumAnswers))
        {
            return new MeanEstimate(n, null, null, null);
        }

        var mean = values.Average();
        var sumOfSquares = values.Sum(v => (v - mean) * (v - mean));
        var sd = Math.Sqrt(sumOfSquares / (n - 1));
        var margin = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new MeanEstimate(n, mean, sd, margin);
    }
}
