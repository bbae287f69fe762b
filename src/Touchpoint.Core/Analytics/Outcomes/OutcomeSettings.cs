using Touchpoint.Core.Data;

namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>
/// How a workspace's events map to outcomes: which event is a purchase, which are referrals, how long
/// a customer may be quiet before they count as churned. A workspace without a row uses the defaults.
/// </summary>
public sealed class OutcomeSettings : IWorkspaceOwned
{
    public const string DefaultPurchaseEvent = "Order Completed";
    public const string DefaultReferralSentEvent = "Referral Sent";
    public const string DefaultReferralCompletedEvent = "Referral Completed";
    public const int DefaultChurnWindowDays = 90;
    public const int MaxEventNameLength = 200;

    public Guid WorkspaceId { get; set; }
    public string PurchaseEvent { get; set; } = DefaultPurchaseEvent;
    public string ReferralSentEvent { get; set; } = DefaultReferralSentEvent;
    public string ReferralCompletedEvent { get; set; } = DefaultReferralCompletedEvent;
    public int ChurnWindowDays { get; set; } = DefaultChurnWindowDays;
    /// <summary>Set by the "Recompute" button; the churn sweep recomputes when it is newer than the last fit.</summary>
    public DateTime? RecomputeRequestedAt { get; set; }
}
