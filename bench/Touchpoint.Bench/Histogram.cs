namespace Touchpoint.Bench;

/// <summary>
/// A latency histogram in the manner of HdrHistogram, small enough to read in one sitting.
/// Values (microseconds) below 128 get a bucket each; above that, every power of two is cut into
/// 64 equal buckets, so a reported percentile is at most 1/64 (~1.6%) above the true value and
/// never below it. Recording is lock-free, so completions on any thread can record directly.
/// </summary>
internal sealed class Histogram
{
    private const int SubBuckets = 64;
    private const int LinearLimit = 2 * SubBuckets; // 128: below this each value is exact
    private const int MaxExponent = 40;             // 2^40 us ~ 12 days: nothing we time gets there

    private readonly long[] _counts = new long[LinearLimit + ((MaxExponent - 6) * SubBuckets)];
    private long _total;
    private long _sum;
    private long _max;
    private long _min = long.MaxValue;

    public long Count => Interlocked.Read(ref _total);
    public long Max => Count == 0 ? 0 : Interlocked.Read(ref _max);
    public long Min => Count == 0 ? 0 : Interlocked.Read(ref _min);
    public double Mean => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    public void Record(long micros)
    {
        var value = Math.Max(0, micros);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _total);
        Interlocked.Add(ref _sum, value);
        UpdateMax(value);
        UpdateMin(value);
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        _total += other._total;
        _sum += other._sum;
        if (other.Count > 0)
        {
            UpdateMax(other._max);
            UpdateMin(other._min);
        }
    }

    /// <summary>The smallest bucket value such that at least <paramref name="percentile"/>% of values are at or below it.</summary>
    public long Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        // The epsilon keeps 0.99 x 1000 (989.9999...) from rounding up to rank 991.
        var rank = Math.Max(1, (long)Math.Ceiling((percentile / 100.0 * total) - 1e-9));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                // Never report more than the largest value actually seen.
                return Math.Min(HighestIn(i), Max);
            }
        }

        return Max;
    }

    internal static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var exponent = 63 - (int)long.LeadingZeroCount(value);       // >= 7
        var shift = exponent - 6;                                // keeps the top 7 bits: 64..127
        var sub = (int)(value >> shift) - SubBuckets;            // 0..63
        var index = LinearLimit + ((exponent - 7) * SubBuckets) + sub;
        return Math.Min(index, LinearLimit + ((MaxExponent - 6) * SubBuckets) - 1);
    }

    /// <summary>The largest value that lands in bucket <paramref name="index"/>.</summary>
    internal static long HighestIn(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var exponent = ((index - LinearLimit) / SubBuckets) + 7;
        var sub = ((index - LinearLimit) % SubBuckets) + SubBuckets;
        var shift = exponent - 6;
        return ((long)(sub + 1) << shift) - 1;
    }

    private void UpdateMax(long value)
    {
        var current = Interlocked.Read(ref _max);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMin(long value)
    {
        var current = Interlocked.Read(ref _min);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref _min, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
