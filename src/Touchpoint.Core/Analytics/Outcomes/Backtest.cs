namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>How well scores rank who really churned.</summary>
public static class Backtest
{
    /// <summary>
    /// The area under the ROC curve, as the Mann-Whitney statistic: the chance that a random churner scores
    /// above a random stayer, ties counting half. AUC = (R1 - n1 (n1 + 1) / 2) / (n1 n0), R1 the sum of the
    /// churners' ranks (ties get their average rank). Null when either group is empty.
    /// </summary>
    public static double? Auc(IReadOnlyList<(double Score, bool Churned)> scored)
    {
        var n1 = scored.Count(s => s.Churned);
        var n0 = scored.Count - n1;
        if (n1 == 0 || n0 == 0)
        {
            return null;
        }

        var sorted = scored.OrderBy(s => s.Score).ToList();
        double rankSum = 0;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Score == sorted[i].Score)
            {
                j++;
            }

            // Positions i..j-1 share the average of ranks i+1..j.
            var averageRank = (i + 1 + j) / 2.0;
            rankSum += averageRank * sorted.Skip(i).Take(j - i).Count(s => s.Churned);
            i = j;
        }

        return (rankSum - (n1 * (n1 + 1) / 2.0)) / ((double)n1 * n0);
    }

    /// <summary>
    /// Lift in the top decile: the churn rate among the highest-scored 10% (rounded up) divided by the churn
    /// rate of everyone. 1 is no better than chance. Null without churners.
    /// </summary>
    public static double? TopDecileLift(IReadOnlyList<(double Score, bool Churned)> scored)
    {
        var churned = scored.Count(s => s.Churned);
        if (churned == 0)
        {
            return null;
        }

        var top = (int)Math.Ceiling(scored.Count / 10.0);
        var topRate = (double)scored.OrderByDescending(s => s.Score).Take(top).Count(s => s.Churned) / top;
        return topRate / ((double)churned / scored.Count);
    }
}
