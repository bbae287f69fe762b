using Touchpoint.Core.Analytics.Outcomes;

namespace Touchpoint.Tests.Analytics.Outcomes;

public sealed class BacktestTests
{
    [Fact]
    public void Auc_OfAHandComputedCase_CountsTiesAsHalf()
    {
        // Churners 0.8, 0.4, 0.5; stayers 0.1, 0.35, 0.5. Of the 9 pairs the churner scores higher in
        // 3 (0.8) + 2 (0.4) + 2 (0.5) and ties once (0.5 vs 0.5): (7 + 0.5) / 9.
        var scored = new List<(double, bool)> { (0.8, true), (0.4, true), (0.5, true), (0.1, false), (0.35, false), (0.5, false) };

        Assert.Equal(7.5 / 9, Backtest.Auc(scored)!.Value, 10);
    }

    [Fact]
    public void Auc_WithoutChurnersOrStayers_IsNotComputed()
    {
        Assert.Null(Backtest.Auc([(0.2, false), (0.3, false)]));
        Assert.Null(Backtest.Auc([(0.2, true)]));
    }

    [Fact]
    public void TopDecileLift_OfAHandComputedCase_IsTheTopTenthsChurnRateOverEveryones()
    {
        // 20 customers scored 20..1; the two highest and three low ones churned: 5 / 20 = 25% overall,
        // 2 / 2 = 100% in the top decile (2 customers): lift 4.
        var churned = new HashSet<int> { 20, 19, 5, 4, 3 };
        var scored = Enumerable.Range(1, 20).Select(s => ((double)s, churned.Contains(s))).ToList();

        Assert.Equal(4.0, Backtest.TopDecileLift(scored)!.Value, 10);
    }
}
