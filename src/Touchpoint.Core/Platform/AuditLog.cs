using Touchpoint.Core.Data;

namespace Touchpoint.Core.Platform;

/// <summary>
/// Adds audit entries to the same unit of work as the change they describe, so an entry exists
/// exactly when the change does. The caller saves.
/// </summary>
public sealed class AuditLog(TouchpointDbContext db, TimeProvider clock)
{
    public void Record(string actor, string action, string target, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            Actor = actor,
            Action = action,
            Target = target,
            Details = details,
            At = clock.GetUtcNow().UtcDateTime,
        });
}
