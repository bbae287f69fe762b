namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// Who changes a case: a signed-in member (<see cref="UserId"/> set) or an API key. <see cref="Name"/>
/// is what the history shows ("Ana"), <see cref="Audit"/> what the audit log records ("user:…", "key:…").
/// </summary>
public sealed record CaseActor(Guid? UserId, string Name, string Audit)
{
    /// <summary>The system itself: the customer's email reopening a case, a background sweep.</summary>
    public static readonly CaseActor System = new(null, "Touchpoint", "system");
}
