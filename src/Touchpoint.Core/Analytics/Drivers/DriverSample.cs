using MathNet.Numerics.LinearAlgebra;

namespace Touchpoint.Core.Analytics.Drivers;

/// <summary>
/// The per-response design matrix of a key-driver analysis: one 0/1 indicator per driver and the
/// outcome. Answers repeat the same few patterns, so rows are kept as distinct (indicators, outcome)
/// patterns with counts; correlations come from weighted sums, which makes each bootstrap resample
/// cost patterns x drivers^2 rather than responses x drivers^2.
/// </summary>
public sealed class DriverSample
{
    private readonly List<(ulong Mask, double Outcome)> _patterns = [];
    private readonly List<int> _counts = [];
    private readonly Dictionary<(ulong, double), int> _index = [];

    public DriverSample(int drivers)
    {
        if (drivers is < 0 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(drivers), "A sample holds at most 64 drivers.");
        }

        Drivers = drivers;
    }

    public int Drivers { get; }
    public int Count { get; private set; }

    /// <summary>Adds one response: bit j of <paramref name="mask"/> says it has driver j.</summary>
    public void Add(ulong mask, double outcome)
    {
        if (!_index.TryGetValue((mask, outcome), out var i))
        {
            i = _patterns.Count;
            _index[(mask, outcome)] = i;
            _patterns.Add((mask, outcome));
            _counts.Add(0);
        }

        _counts[i]++;
        Count++;
    }

    public RelativeWeights.Result Weights() => Weights(_counts);

    /// <summary>
    /// Percentile bootstrap: <paramref name="resamples"/> samples of the same size drawn with replacement
    /// (from a fixed seed, so the same data gives the same intervals), the weights of each, and per driver
    /// the 2.5th and 97.5th percentiles of its share of R^2 (in percent).
    /// </summary>
    public IReadOnlyList<(double Low, double High)> BootstrapShares(int resamples, int seed)
    {
        var random = new Random(seed);
        var cumulative = new int[_counts.Count];
        var total = 0;
        for (var i = 0; i < _counts.Count; i++)
        {
            total += _counts[i];
            cumulative[i] = total;
        }

        var shares = new double[Drivers][];
        for (var j = 0; j < Drivers; j++)
        {
            shares[j] = new double[resamples];
        }

        var drawn = new int[_counts.Count];
        for (var b = 0; b < resamples; b++)
        {
            Array.Clear(drawn);
            for (var n = 0; n < total; n++)
            {
                var at = Array.BinarySearch(cumulative, random.Next(total) + 1);
                drawn[at < 0 ? ~at : at]++;
            }

            var result = Weights(drawn);
            for (var j = 0; j < Drivers; j++)
            {
                shares[j][b] = result.RSquared > 0 ? 100 * result.Weights[j] / result.RSquared : 0;
            }
        }

        return shares.Select(s =>
        {
            Array.Sort(s);
            return (Percentile(s, 0.025), Percentile(s, 0.975));
        }).ToList();
    }

    /// <summary>Linear interpolation between the closest ranks of sorted values.</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>Correlations from weighted sums; a driver with no variance in the sample gets weight 0.</summary>
    private RelativeWeights.Result Weights(IReadOnlyList<int> counts)
    {
        var p = Drivers;
        double n = 0, sy = 0, syy = 0;
        var sx = new double[p];
        var sxy = new double[p];
        var sxx = new double[p, p];
        for (var i = 0; i < _patterns.Count; i++)
        {
            var w = counts[i];
            if (w == 0)
            {
                continue;
            }

            var (mask, y) = _patterns[i];
            n += w;
            sy += w * y;
            syy += w * y * y;
            for (var j = 0; j < p; j++)
            {
                if ((mask & (1UL << j)) == 0)
                {
                    continue;
                }

                sx[j] += w;
                sxy[j] += w * y;
                for (var k = j; k < p; k++)
                {
                    if ((mask & (1UL << k)) != 0)
                    {
                        sxx[j, k] += w;
                    }
                }
            }
        }

        var varY = (syy / n) - ((sy / n) * (sy / n));
        var sd = new double[p];
        for (var j = 0; j < p; j++)
        {
            sd[j] = Math.Sqrt(Math.Max(0, (sx[j] / n) - ((sx[j] / n) * (sx[j] / n))));
        }

        if (n == 0 || varY <= 1e-12)
        {
            return new RelativeWeights.Result(0, new double[p]);
        }

        var r = Matrix<double>.Build.Dense(p, p);
        var rxy = Vector<double>.Build.Dense(p);
        for (var j = 0; j < p; j++)
        {
            r[j, j] = 1;
            if (sd[j] < 1e-12)
            {
                continue;
            }

            rxy[j] = ((sxy[j] / n) - (sx[j] / n * sy / n)) / (sd[j] * Math.Sqrt(varY));
            for (var k = j + 1; k < p; k++)
            {
                if (sd[k] < 1e-12)
                {
                    continue;
                }

                r[j, k] = r[k, j] = ((sxx[j, k] / n) - (sx[j] / n * sx[k] / n)) / (sd[j] * sd[k]);
            }
        }

        return RelativeWeights.FromCorrelations(r, rxy);
    }
}
