using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases;

/// <summary>
/// Something a case gets at given moments of its life, whoever causes them (a rule, a person, the API):
/// its SLA targets when it is opened, when its priority changes and when it is reopened, for example.
/// Steps run in registration order on the tracked, unsaved case and may add rows to the same unit of
/// work; the caller saves once.
/// </summary>
public interface ICaseStep
{
    Task ApplyAsync(TouchpointDbContext db, Case target, CaseMoment moment, CancellationToken ct);
}

public enum CaseMoment
{
    Opened,
    PriorityChanged,
    Reopened,
}

/// <summary>Runs every registered <see cref="ICaseStep"/> for a moment. Code that changes a case's priority or reopens it calls this before saving.</summary>
public sealed class CaseSteps(IEnumerable<ICaseStep> steps)
{
    public async Task RunAsync(TouchpointDbContext db, Case target, CaseMoment moment, CancellationToken ct = default)
    {
        foreach (var step in steps)
        {
            await step.ApplyAsync(db, target, moment, ct);
        }
    }
}
