using Touchpoint.Core.Data;

namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>
/// A customer's churn-risk score (0-100, the model's probability of no activity in the next window) and
/// the features that raise it most, as the last sweep computed them. Read by the profile, the customer
/// list and the API; never computed on a request.
/// </summary>
public sealed class CustomerChurnRisk : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }
    public Guid CustomerId { get; set; }
    public int Score { get; set; }
    /// <summary>JSON array of {feature, label, contribution}, biggest first (see <see cref="ChurnReason"/>).</summary>
    public string Reasons { get; set; } = "[]";
    public DateTime ComputedAt { get; set; }
}

/// <summary>One reason for a score: a feature the customer has and how much it adds to the log-odds.</summary>
public sealed record ChurnReason(string Feature, string Label, double Contribution);
