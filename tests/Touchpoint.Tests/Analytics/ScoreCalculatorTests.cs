using Touchpoint.Core.Analytics;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Tests.Analytics;

/// <summary>The metric definitions of docs/metrics.md, checked against values worked out by hand.</summary>
public sealed class ScoreCalculatorTests
{
    private const int Precision = 4;

    [Fact]
    public void Nps_AsManyPromotersAsDetractors_ScoresZeroWithHandComputedMargin()
    {
        // Promoters 10,10,9,9 (p = 0.4); passives 8,7; detractors 6,5,3,0 (d = 0.4).
        int[] scores = [10, 10, 9, 9, 8, 7, 6, 5, 3, 0];

        var nps = ScoreCalculator.Nps(scores);

        // NPS = 100 x (0.4 - 0.4) = 0; MoE = 1.96 x 100 x sqrt(((0.4 + 0.4) - 0^2) / 10) = 196 x sqrt(0.08).
        Assert.Equal(10, nps.N);
        Assert.Equal(0, nps.Score!.Value, Precision);
        Assert.Equal(55.4372, nps.MarginOfError!.Value, Precision);
        Assert.Equal(new MetricBreakdown(High: 4, Middle: 2, Low: 4), nps.Breakdown);
    }

    [Fact]
    public void Nps_MorePromotersThanDetractors_ScoresTheDifferenceWithHandComputedMargin()
    {
        // 12 answers: promoters 10 x6 and 9 x2 (p = 8/12); passives 8, 7; detractors 2, 0 (d = 2/12).
        int[] scores = [10, 10, 10, 10, 10, 9, 9, 8, 7, 2, 0, 10];

        var nps = ScoreCalculator.Nps(scores);

        // NPS = 100 x (8/12 - 2/12) = 50.
        // MoE = 1.96 x 100 x sqrt(((10/12) - (6/12)^2) / 12) = 196 x sqrt(0.583333 / 12) = 196 x 0.220479 = 43.2139.
        Assert.Equal(12, nps.N);
        Assert.Equal(50, nps.Score!.Value, Precision);
        Assert.Equal(43.2139, nps.MarginOfError!.Value, Precision);
        Assert.Equal(new MetricBreakdown(High: 8, Middle: 2, Low: 2), nps.Breakdown);
    }

    [Fact]
    public void Nps_AllDetractors_ScoresMinus100WithNoMargin()
    {
        int[] scores = [0, 1, 2, 3, 4, 5, 6, 6, 5, 4];

        var nps = ScoreCalculator.Nps(scores);

        // p = 0, d = 1: variance (0 + 1) - (0 - 1)^2 = 0.
        Assert.Equal(-100, nps.Score!.Value, Precision);
        Assert.Equal(0, nps.MarginOfError!.Value, Precision);
    }

    [Fact]
    public void Csat_SevenOfTenSatisfied_Scores70WithHandComputedMargin()
    {
        // Satisfied (4-5): 5,5,4,4,4,5,4 = 7; neutral (3): 1; dissatisfied (1-2): 2.
        int[] scores = [5, 5, 4, 4, 4, 3, 2, 1, 5, 4];

        var csat = ScoreCalculator.Csat(scores);

        // CSAT = 100 x 7/10 = 70; MoE = 1.96 x 100 x sqrt(0.7 x 0.3 / 10) = 196 x sqrt(0.021) = 28.4031.
        Assert.Equal(70, csat.Score!.Value, Precision);
        Assert.Equal(28.4031, csat.MarginOfError!.Value, Precision);
        Assert.Equal(new MetricBreakdown(High: 7, Middle: 1, Low: 2), csat.Breakdown);
    }

    [Fact]
    public void Ces_TenAnswers_ReportsTheMeanWithSampleDeviationMargin()
    {
        // Sum 52, mean 5.2. Squared deviations: 3.24+3.24+0.64+0.04+1.44+4.84+10.24+3.24+0.64+0.04 = 27.6.
        int[] scores = [7, 7, 6, 5, 4, 3, 2, 7, 6, 5];

        var ces = ScoreCalculator.Ces(scores);

        // Sample variance 27.6 / 9 = 3.066667; MoE = 1.96 x sqrt(3.066667 / 10) = 1.96 x 0.553775 = 1.0854.
        Assert.Equal(5.2, ces.Score!.Value, Precision);
        Assert.Equal(1.0854, ces.MarginOfError!.Value, Precision);
        // Easy (5-7): 7; neutral (4): 1; difficult (1-3): 2.
        Assert.Equal(new MetricBreakdown(High: 7, Middle: 1, Low: 2), ces.Breakdown);
    }

    [Theory]
    [InlineData(SurveyMetric.Nps)]
    [InlineData(SurveyMetric.Csat)]
    [InlineData(SurveyMetric.Ces)]
    public void Compute_NineAnswers_ShowsNoScoreButCountsThem(SurveyMetric metric)
    {
        var scores = Enumerable.Repeat(5, 9).ToList();

        var result = ScoreCalculator.Compute(metric, scores);

        Assert.Equal(9, result.N);
        Assert.Null(result.Score);
        Assert.Null(result.MarginOfError);
        Assert.False(result.IsReportable);
    }

    [Theory]
    [InlineData(SurveyMetric.Nps)]
    [InlineData(SurveyMetric.Csat)]
    [InlineData(SurveyMetric.Ces)]
    public void Compute_TenAnswers_ShowsAScore(SurveyMetric metric)
    {
        var scores = Enumerable.Repeat(5, 10).ToList();

        var result = ScoreCalculator.Compute(metric, scores);

        Assert.True(result.IsReportable);
        Assert.NotNull(result.MarginOfError);
    }

    [Fact]
    public void Nps_EmployeeGroupThresholdOfFive_ShowsScoreAtFiveAnswersButNotFour()
    {
        var atThreshold = ScoreCalculator.Nps([10, 10, 9, 6, 8], minimumAnswers: 5);
        var below = ScoreCalculator.Nps([10, 10, 9, 6], minimumAnswers: 5);

        // 3 promoters, 1 detractor of 5: 100 x (0.6 - 0.2) = 40.
        Assert.Equal(40, atThreshold.Score!.Value, Precision);
        Assert.Null(below.Score);
    }

    [Fact]
    public void Nps_NoAnswersAndNoThreshold_ShowsNoScoreInsteadOfDividingByZero()
    {
        var result = ScoreCalculator.Nps([], minimumAnswers: 0);

        Assert.Equal(0, result.N);
        Assert.Null(result.Score);
    }
}
