using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases;

/// <summary>
/// Something every new case gets before it is first saved, whoever opens it (a rule, a person, the
/// API): its SLA targets, for example. Steps run in registration order on the unsaved case and may add
/// rows to the same unit of work; the opener saves once.
/// </summary>
public interface ICaseOpeningStep
{
    Task ApplyAsync(TouchpointDbContext db, Case newCase, CancellationToken ct);
}
