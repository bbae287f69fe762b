using MathNet.Numerics.LinearAlgebra;
using Touchpoint.Core.Analytics.Drivers;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Tests.Analytics.Drivers;

/// <summary>Johnson's relative weights on data whose answer is known on paper.</summary>
public sealed class RelativeWeightsTests
{
    /// <summary>
    /// 80 NPS answers in four cells of 20 by (topic, segment): (0,0) 10 detractors + 10 passives, mean -50;
    /// (1,0) 20 passives, mean 0; (0,1) 10 passives + 10 promoters, mean 50; (1,1) 20 promoters, mean 100.
    /// The two drivers are uncorrelated (balanced cells) and add 50 and 100. Overall mean 25, E[y^2] = 5000,
    /// Var(y) = 4375. cov(topic, y) = 12.5, var(topic) = 0.25: r1^2 = 156.25 / 1093.75 = 1/7; likewise
    /// r2^2 = 4/7; with uncorrelated drivers the weights are r_j^2 and R^2 = 5/7 (shares 20% and 80%).
    /// </summary>
    internal static DriverSample HandMade()
    {
        var sample = new DriverSample(2);
        void Add(ulong mask, int score, int count)
        {
            for (var i = 0; i < count; i++)
            {
                sample.Add(mask, DriverAnalysis.Outcome(SurveyMetric.Nps, score));
            }
        }

        Add(0b00, 3, 10);
        Add(0b00, 7, 10);
        Add(0b01, 8, 20);
        Add(0b10, 7, 10);
        Add(0b10, 10, 10);
        Add(0b11, 9, 20);
        return sample;
    }

    [Fact]
    public void Weights_OfTwoUncorrelatedDrivers_AreTheirSquaredCorrelations()
    {
        var result = HandMade().Weights();

        Assert.Equal(5.0 / 7, result.RSquared, 10);
        Assert.Equal(1.0 / 7, result.Weights[0], 10);
        Assert.Equal(4.0 / 7, result.Weights[1], 10);
    }

    [Fact]
    public void Weights_OfCorrelatedDrivers_SumToTheRegressionsRSquared_AndSplitEvenlyWhenSymmetric()
    {
        // Two predictors correlated 0.5, validities 0.6 and 0.3: R^2 = (0.36 + 0.09 - 2 x 0.6 x 0.3 x 0.5) / (1 - 0.25) = 0.36.
        var r = Matrix<double>.Build.DenseOfArray(new[,] { { 1, 0.5 }, { 0.5, 1 } });
        var result = RelativeWeights.FromCorrelations(r, Vector<double>.Build.DenseOfArray([0.6, 0.3]));
        var symmetric = RelativeWeights.FromCorrelations(r, Vector<double>.Build.DenseOfArray([0.4, 0.4]));

        Assert.Equal(0.36, result.RSquared, 10);
        Assert.Equal(0.36, result.Weights.Sum(), 10);
        Assert.True(result.Weights[0] > result.Weights[1]);
        Assert.Equal(symmetric.Weights[0], symmetric.Weights[1], 10);
    }

    [Fact]
    public void Weights_OfTheSameDriverTwice_ShareItsWeightInsteadOfFailing()
    {
        // Perfectly collinear: R is singular; the pseudo-inverse gives each copy half of r^2 = 0.36.
        var r = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 1.0 }, { 1.0, 1.0 } });
        var result = RelativeWeights.FromCorrelations(r, Vector<double>.Build.DenseOfArray([0.6, 0.6]));

        Assert.Equal(0.36, result.RSquared, 8);
        Assert.Equal(0.18, result.Weights[0], 8);
        Assert.Equal(0.18, result.Weights[1], 8);
    }

    [Fact]
    public void Bootstrap_FromTheFixedSeed_GivesTheSameIntervalsEveryTime()
    {
        var first = HandMade().BootstrapShares(200, DriverAnalysis.Seed);
        var second = HandMade().BootstrapShares(200, DriverAnalysis.Seed);

        Assert.Equal(first, second);
        Assert.All(first, i => Assert.True(i.Low <= i.High));
        // The segment's share (80%) lies inside its interval, and the interval is not the whole range.
        Assert.InRange(80, first[1].Low, first[1].High);
        Assert.True(first[1].High - first[1].Low < 50);
    }
}
