using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Customers;

/// <summary>
/// What is known about a customer beyond the profile row: persona, current segments, latest NPS,
/// CSAT and CES answers, and other ids. Loaded for a page of customers in a few queries, not per row.
/// </summary>
public sealed record CustomerProfile(
    Customer Customer,
    (Guid Id, string Name)? Persona,
    IReadOnlyList<(Guid Id, string Name)> Segments,
    IReadOnlyDictionary<SurveyMetric, (int Score, DateTime At)> LatestScores,
    IReadOnlyList<CustomerIdentity> Identities)
{
    public static async Task<CustomerProfile> LoadAsync(TouchpointDbContext db, Customer customer, CancellationToken ct = default) =>
        (await LoadManyAsync(db, [customer], ct))[0];

    public static async Task<IReadOnlyList<CustomerProfile>> LoadManyAsync(TouchpointDbContext db, IReadOnlyList<Customer> customers,
        CancellationToken ct = default)
    {
        if (customers.Count == 0)
        {
            return [];
        }

        var ids = customers.Select(c => c.Id).ToList();
        var personaIds = customers.Where(c => c.PersonaId is not null).Select(c => c.PersonaId!.Value).Distinct().ToList();
        var personas = await db.Personas.AsNoTracking().Where(p => personaIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var segments = await (from m in db.SegmentMembers.AsNoTracking()
                              join s in db.Segments.AsNoTracking() on m.SegmentId equals s.Id
                              where ids.Contains(m.CustomerId)
                              orderby s.Name
                              select new { m.CustomerId, s.Id, s.Name }).ToListAsync(ct);
        var identities = await db.CustomerIdentities.AsNoTracking().Where(i => ids.Contains(i.CustomerId))
            .OrderBy(i => i.CreatedAt).ToListAsync(ct);
        // The latest answer per customer and metric: one probe of (CustomerId, Metric, SubmittedAt) each.
        var latest = await db.Responses.AsNoTracking()
            .Where(r => r.CustomerId != null && ids.Contains(r.CustomerId.Value) && r.Score != null
                && r.SubmittedAt == db.Responses.Where(x => x.CustomerId == r.CustomerId && x.Metric == r.Metric && x.Score != null)
                    .Max(x => x.SubmittedAt))
            .Select(r => new { CustomerId = r.CustomerId!.Value, r.Metric, Score = r.Score!.Value, r.SubmittedAt, r.Id })
            .ToListAsync(ct);

        return customers.Select(c => new CustomerProfile(
            c,
            c.PersonaId is { } p && personas.TryGetValue(p, out var name) ? (p, name) : null,
            segments.Where(s => s.CustomerId == c.Id).Select(s => (s.Id, s.Name)).ToList(),
            latest.Where(r => r.CustomerId == c.Id).GroupBy(r => r.Metric)
                .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id) is var r ? (r!.Score, r.SubmittedAt) : default),
            identities.Where(i => i.CustomerId == c.Id).ToList())).ToList();
    }
}
