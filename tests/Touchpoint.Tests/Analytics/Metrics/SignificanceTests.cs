using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Statistics;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Tests.Analytics.Metrics;

/// <summary>The significance tests of docs/metrics.md, against values worked out by hand.</summary>
public sealed class SignificanceTests
{
    private static int[] Nps(int promoters, int passives, int detractors) =>
        [.. Enumerable.Repeat(10, promoters), .. Enumerable.Repeat(7, passives), .. Enumerable.Repeat(0, detractors)];

    [Fact]
    public void Compare_Nps20AndNps40OnTwoHundredEach_IsSignificantWithHandComputedP()
    {
        var before = ScoreCalculator.Nps(Nps(80, 80, 40));
        var after = ScoreCalculator.Nps(Nps(100, 80, 20));

        var change = Significance.Compare(before, after);

        // SE = 100 x sqrt(0.56 / 200) = 5.2915 and 100 x sqrt(0.44 / 200) = 4.6904; SE(diff) = sqrt(28 + 22) = 7.0711;
        // z = 20 / 7.0711 = 2.8284; p = 2 (1 - Phi(2.8284)) = 0.0046777.
        Assert.Equal(20, change.Difference!.Value, 6);
        Assert.Equal(0.0046777, change.PValue!.Value, 6);
        Assert.True(change.IsSignificant);
    }

    [Fact]
    public void Compare_Nps20AndNps24OnFiftyEach_IsNotSignificant()
    {
        // 50 answers each: 20/20/10 (NPS 20) and 20/22/8 (NPS 24). SE = 100 x sqrt((0.6 - 0.04) / 50) = 10.583 and
        // 100 x sqrt((0.56 - 0.0576) / 50) = 10.0239; SE(diff) = 14.5766; z = 4 / 14.5766 = 0.2744; p = 0.7838.
        var change = Significance.Compare(ScoreCalculator.Nps(Nps(20, 20, 10)), ScoreCalculator.Nps(Nps(20, 22, 8)));

        Assert.Equal(4, change.Difference!.Value, 6);
        Assert.Equal(0.7838, change.PValue!.Value, 4);
        Assert.False(change.IsSignificant);
    }

    [Fact]
    public void VersusRest_GroupUnderTheMinimum_IsNeverSignificant()
    {
        var group = ScoreCalculator.Nps(Nps(3, 0, 0));
        var total = ScoreCalculator.FromTally(SurveyMetric.Nps, group.Tally + ScoreCalculator.Nps(Nps(0, 0, 100)).Tally);

        var test = GroupComparison.VersusRest(total, group, minimumAnswers: 10);

        Assert.Null(test.PValue);
        Assert.False(test.IsSignificant);
    }

    [Fact]
    public void Range_PreviousAndLastYear_AreTheEarlierRangesOfTheSameLength()
    {
        var from = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 3, 8, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal((new DateTime(2026, 2, 22, 0, 0, 0, DateTimeKind.Utc), from), PeriodComparison.Range(ComparisonPeriod.Previous, from, to));
        Assert.Equal((from.AddYears(-1), to.AddYears(-1)), PeriodComparison.Range(ComparisonPeriod.LastYear, from, to));
    }

    [Fact]
    public void FromTally_Ces_EqualsTheMeanAndSampleDeviationOfTheScores()
    {
        int[] scores = [7, 6, 5, 5, 4, 3, 7, 7, 2, 6];

        var ces = ScoreCalculator.Ces(scores);

        // Mean 52 / 10 = 5.2; sum of squares 298; s^2 = (298 - 52^2 / 10) / 9 = 27.6 / 9 = 3.0667; MoE = 1.96 x sqrt(3.0667 / 10) = 1.0854.
        Assert.Equal(5.2, ces.Score!.Value, 6);
        Assert.Equal(1.0854, ces.MarginOfError!.Value, 4);
        Assert.Equal(new MetricBreakdown(High: 7, Middle: 1, Low: 2), ces.Breakdown);
    }
}
