using Touchpoint.Core.Data;

namespace Touchpoint.Core.Surveys;

/// <summary>
/// How often and when a workspace may ask its customers for feedback: at most one survey invitation
/// per customer per <see cref="QuarantineDays"/> across all surveys, and none sent during quiet hours
/// in the customer's time zone (the workspace's when the customer has none); those wait until the
/// quiet hours end. One row per workspace; a workspace without one uses the defaults.
/// </summary>
public sealed class ContactRules : IWorkspaceOwned
{
    public const int DefaultQuarantineDays = 30;
    public static readonly TimeOnly DefaultQuietStart = new(21, 0);
    public static readonly TimeOnly DefaultQuietEnd = new(8, 0);

    public Guid WorkspaceId { get; set; }
    /// <summary>Null or 0: no global quarantine.</summary>
    public int? QuarantineDays { get; set; } = DefaultQuarantineDays;
    /// <summary>Both null: no quiet hours. The window may wrap midnight (21:00 to 08:00).</summary>
    public TimeOnly? QuietHoursStart { get; set; } = DefaultQuietStart;
    public TimeOnly? QuietHoursEnd { get; set; } = DefaultQuietEnd;
    public DateTime UpdatedAt { get; set; }
}
