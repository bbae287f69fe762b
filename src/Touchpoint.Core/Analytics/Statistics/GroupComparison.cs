namespace Touchpoint.Core.Analytics.Statistics;

/// <summary>A breakdown's group set against all other answers the query covers.</summary>
public static class GroupComparison
{
    /// <summary>
    /// The group versus the rest: the rest's tally is the total's minus the group's (an answer counts once in a
    /// group, so what is left are exactly the answers not in it), scored with the same minimum, then tested with
    /// <see cref="Significance.Compare"/> (difference = group - rest). Not significant when either side is under
    /// the minimum number of answers.
    /// </summary>
    public static SignificanceResult VersusRest(MetricScore total, MetricScore group, int minimumAnswers)
    {
        var rest = ScoreCalculator.FromTally(total.Metric, total.Tally - group.Tally, minimumAnswers);
        return Significance.Compare(rest, group);
    }
}
