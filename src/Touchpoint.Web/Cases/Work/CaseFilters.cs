using Touchpoint.Core.Cases;

namespace Touchpoint.Web.Cases.Work;

/// <summary>The filters the case list takes, shared by <c>GET /api/v1/cases</c> and the Cases page.</summary>
internal sealed record CaseFilters(CaseStatus? Status = null, CasePriority? Priority = null, bool FilterOwner = false, Guid? OwnerId = null,
    Guid? TeamId = null, IReadOnlyCollection<Guid>? AnyTeam = null, Guid? CustomerId = null, bool? Open = null)
{
    public IQueryable<Case> Apply(IQueryable<Case> query)
    {
        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (Priority is { } priority)
        {
            query = query.Where(c => c.Priority == priority);
        }

        if (FilterOwner)
        {
            query = OwnerId is { } owner ? query.Where(c => c.OwnerId == owner) : query.Where(c => c.OwnerId == null);
        }

        if (TeamId is { } team)
        {
            query = query.Where(c => c.TeamId == team);
        }

        if (AnyTeam is { } teams)
        {
            query = query.Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value));
        }

        if (CustomerId is { } customer)
        {
            query = query.Where(c => c.CustomerId == customer);
        }

        return Open switch
        {
            true => query.Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed),
            false => query.Where(c => c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Closed),
            null => query,
        };
    }
}
