namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>The outcomes customer experience is for, over [From, To). A rate is null under its minimum ("too few").</summary>
public sealed record OutcomesReport(
    DateTime From,
    DateTime To,
    int MinimumCustomers,
    OutcomesReport.SettingsView Settings,
    OutcomesReport.SatisfactionView Satisfaction,
    OutcomesReport.RepeatPurchaseView RepeatPurchase,
    OutcomesReport.RetentionView Retention,
    OutcomesReport.ReferralsView Referrals,
    OutcomesReport.ChurnView Churn,
    OutcomesReport.RevenueView Revenue,
    OutcomesReport.ChurnModelView? ChurnModel)
{
    public sealed record SettingsView(string PurchaseEvent, string ReferralSentEvent, string ReferralCompletedEvent, int ChurnWindowDays);

    public sealed record SatisfactionView(MetricScore Nps, MetricScore Csat);

    /// <summary>Share of customers with a purchase in the period who made two or more.</summary>
    public sealed record RepeatPurchaseView(int Purchasers, int Repeaters, double? Rate);

    /// <summary>Monthly cohorts by first purchase; Retained[k - 1] is the % active in month +k (null: not reached yet).</summary>
    public sealed record RetentionView(int Months, IReadOnlyList<Cohort> Cohorts);

    public sealed record Cohort(DateOnly Month, int Customers, IReadOnlyList<double?> Retained);

    public sealed record ReferralsView(int Sent, int Completed, int Referrers, int Promoters, int PromotersReferred, double? PromoterRate,
        int Detractors, int DetractorsReferred, double? DetractorRate);

    /// <summary>Customers active in [PreviousFrom, CurrentFrom) who were not active in [CurrentFrom, To).</summary>
    public sealed record ChurnView(int WindowDays, DateTime PreviousFrom, DateTime CurrentFrom, int ActiveBefore, int Churned, double? Rate);

    public sealed record RevenueView(decimal Total, int Buyers, IReadOnlyList<SegmentRevenue> PerSegment, DateTime AtRiskFrom,
        decimal AtRiskDetractors, int Detractors, decimal AtRiskHighChurn, int HighChurnCustomers);

    public sealed record SegmentRevenue(Guid SegmentId, string Name, int Members, int Buyers, decimal Revenue);

    public sealed record ChurnModelView(DateTime ComputedAt, bool PriorOnly, int TrainingCustomers, int TrainingChurned, DateTime BacktestCutOff,
        bool OutOfSample, int BacktestCustomers, int BacktestChurned, double? Auc, double? TopDecileLift, IReadOnlyDictionary<string, double> Weights);
}
