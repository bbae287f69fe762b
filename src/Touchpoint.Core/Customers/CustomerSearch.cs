using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>
/// The customer list's filters, shared by the REST API and the Customers page. Lists run newest
/// first by (CreatedAt, Id); a <see cref="Position"/> continues after the last row of the previous page.
/// </summary>
public sealed record CustomerSearch(string? Q, Guid? SegmentId, LifecycleStage? Stage, Guid? PersonaId, string? Country)
{
    public readonly record struct Position(DateTime CreatedAt, Guid Id);

    public IQueryable<Customer> Apply(TouchpointDbContext db, IQueryable<Customer> customers, Position? after)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Lower-casing both sides keeps the search case-insensitive on SQLite and PostgreSQL alike;
            // the StringComparison overloads the analyzer prefers do not translate to SQL.
            var q = Q.Trim().ToLowerInvariant();
#pragma warning disable CA1862
            customers = customers.Where(c => (c.Name != null && c.Name.ToLower().Contains(q))
                || (c.Email != null && c.Email.ToLower().Contains(q))
                || (c.ExternalId != null && c.ExternalId.ToLower().Contains(q))
                || (c.Phone != null && c.Phone.ToLower().Contains(q)));
#pragma warning restore CA1862
        }

        if (SegmentId is { } segment)
        {
            customers = customers.Where(c => db.SegmentMembers.Any(m => m.SegmentId == segment && m.CustomerId == c.Id));
        }

        if (Stage is { } stage)
        {
            customers = customers.Where(c => c.LifecycleStage == stage);
        }

        if (PersonaId is { } persona)
        {
            customers = customers.Where(c => c.PersonaId == persona);
        }

        if (!string.IsNullOrWhiteSpace(Country))
        {
            var country = Country.Trim().ToUpperInvariant();
            customers = customers.Where(c => c.Country == country);
        }

        if (after is { } last)
        {
            customers = customers.Where(c => c.CreatedAt < last.CreatedAt || (c.CreatedAt == last.CreatedAt && c.Id.CompareTo(last.Id) < 0));
        }

        return customers.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);
    }
}
