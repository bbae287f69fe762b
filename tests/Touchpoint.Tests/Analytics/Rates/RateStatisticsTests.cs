using Touchpoint.Core.Analytics.Rates;

namespace Touchpoint.Tests.Analytics.Rates;

/// <summary>The Wilson interval and the t-based mean margin against hand-computed values, at their edges.</summary>
public sealed class RateStatisticsTests
{
    private const int Precision = 4;

    [Theory]
    // 0 of 10: centre = (0 + 3.8415/20) / 1.38415 = 0.13877, half-width = 1.41600 x sqrt(3.8415/400) = 0.13877 -> [0, 0.2775].
    [InlineData(0, 10, 0, 0.2775)]
    // 10 of 10 mirrors it: [0.7225, 1].
    [InlineData(10, 10, 0.7225, 1)]
    // 50 of 100: centre 0.5, half-width = 1.96 / 1.03841 x sqrt(0.0025 + 0.0000960) = 0.09617 -> [0.4038, 0.5962].
    [InlineData(50, 100, 0.4038, 0.5962)]
    public void Wilson_ProportionAtTheEdgesAndMiddle_GivesAnIntervalInsideZeroToOne(int successes, int n, double low, double high)
    {
        var (l, h) = WilsonInterval.Of(successes, n);

        Assert.Equal(low, l, Precision);
        Assert.Equal(high, h, Precision);
    }

    [Fact]
    public void Mean_AllAnswersEqual_HasNoSpreadAndNoMargin()
    {
        var estimate = MeanEstimate.Of([4, 4, 4], minimumAnswers: 3);

        Assert.Equal(4, estimate.Mean);
        Assert.Equal(0, estimate.StandardDeviation);
        Assert.Equal(0, estimate.MarginOfError);
    }

    [Fact]
    public void Mean_OneAnswerEvenWithAMinimumOfOne_IsTooFewForASpread()
    {
        var estimate = MeanEstimate.Of([5], minimumAnswers: 1);

        Assert.Equal(1, estimate.N);
        Assert.Null(estimate.Mean);
        Assert.Null(estimate.MarginOfError);
    }

    [Fact]
    public void Mean_TwoAnswers_UsesStudentsTWithOneDegreeOfFreedom()
    {
        // 1 and 3: mean 2, s = sqrt(2) = 1.41421, margin = t(0.975, 1) x s / sqrt(2) = 12.7062 x 1 = 12.7062.
        var estimate = MeanEstimate.Of([1, 3], minimumAnswers: 2);

        Assert.Equal(2, estimate.Mean!.Value, Precision);
        Assert.Equal(1.4142, estimate.StandardDeviation!.Value, Precision);
        Assert.Equal(12.7062, estimate.MarginOfError!.Value, Precision);
    }
}
