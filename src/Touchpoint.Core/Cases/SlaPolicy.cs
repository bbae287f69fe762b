using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases;

/// <summary>
/// Targets for one priority: first contact and resolution within so many business minutes, counted
/// only while the business is open (<see cref="BusinessHours"/> JSON with its holidays; null counts
/// every minute). A warning goes out at <see cref="WarnAtPercent"/> of a target; on a breach the case
/// is escalated.
/// </summary>
public sealed class SlaPolicy : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public CasePriority Priority { get; set; }
    public int FirstResponseMinutes { get; set; }
    public int ResolutionMinutes { get; set; }
    public int WarnAtPercent { get; set; } = 80;
    /// <summary>Opening hours and holidays, the same JSON as an inbox's (<c>Conversations.BusinessHours</c>).</summary>
    public string? BusinessHours { get; set; }
    /// <summary>Who hears of a breach and, when <see cref="ReassignOnBreach"/>, takes the case over.</summary>
    public Guid? EscalateToUserId { get; set; }
    public bool ReassignOnBreach { get; set; }
    public DateTime UpdatedAt { get; set; }
}
