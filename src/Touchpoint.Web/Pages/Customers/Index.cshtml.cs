using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Analytics.Insights;
using Touchpoint.Web.Customers;

namespace Touchpoint.Web.Pages.Customers;

/// <summary>Every customer, newest first: search by name, email, external id or phone; filter by segment, stage, persona, country.</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class CustomersIndexModel(TouchpointDbContext db) : PageModel
{
    private const int PageSize = 50;

    public sealed record Choice(Guid Id, string Name);

    public sealed record Row(Customer Customer, string? Persona)
    {
        /// <summary>The stored churn-risk score, null until the churn sweep has scored the customer.</summary>
        public int? Risk { get; init; }
    }

    public List<Choice> Segments { get; private set; } = [];
    public List<Choice> Personas { get; private set; } = [];
    public List<string> Countries { get; private set; } = [];
    public List<Row> Rows { get; private set; } = [];
    public string? Q { get; private set; }
    public Guid? SegmentId { get; private set; }
    public LifecycleStage? Stage { get; private set; }
    public Guid? PersonaId { get; private set; }
    public string? Country { get; private set; }
    public bool IsFirstPage { get; private set; }
    public string? NextCursor { get; private set; }
    /// <summary>high, medium or low churn risk (see docs/insights.md); and "risk" to list the riskiest first.</summary>
    public string? Risk { get; private set; }
    public string? Sort { get; private set; }

    public string PageUrl(string? cursor) =>
        $"/customers?q={Uri.EscapeDataString(Q ?? "")}&segment={SegmentId}&lifecycle={Stage?.ToString().ToLowerInvariant()}&persona={PersonaId}"
        + $"&country={Uri.EscapeDataString(Country ?? "")}&risk={Risk}&sort={Sort}&cursor={Uri.EscapeDataString(cursor ?? "")}";

    public async Task OnGetAsync(string? q, Guid? segment, string? lifecycle, Guid? persona, string? country, string? cursor, CancellationToken ct,
        string? risk = null, string? sort = null)
    {
        (Risk, Sort) = (ChurnRiskFilter.Band(risk), string.Equals(sort, "risk", StringComparison.OrdinalIgnoreCase) ? "risk" : null);
        (Q, SegmentId, Stage, PersonaId) = (q?.Trim(), segment, CustomerPatch.ParseStage(lifecycle), persona);
        Country = country is { Length: 2 } ? country.ToUpperInvariant() : null;
        Segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);
        Personas = await db.Personas.AsNoTracking().OrderBy(p => p.Priority).ThenBy(p => p.Name).Select(p => new Choice(p.Id, p.Name)).ToListAsync(ct);
        Countries = await db.Customers.AsNoTracking().Where(c => c.Country != null).Select(c => c.Country!).Distinct().OrderBy(c => c).ToListAsync(ct);

        // A cursor from a stale link starts again at the first page rather than failing.
        var after = CustomerCursors.TryDecode(cursor, out var position) ? position : null;
        IsFirstPage = after is null;
        var search = new CustomerSearch(Q is { Length: > 200 } ? Q[..200] : Q, SegmentId, Stage, PersonaId, Country);
        var customers = Sort is null && Risk is null
            ? await search.Apply(db, db.Customers.AsNoTracking(), after).Take(PageSize + 1).ToListAsync(ct)
            : await ChurnRiskFilter.ApplyAsync(db, search.Apply(db, db.Customers.AsNoTracking(), after), Risk, Sort is not null, PageSize + 1, ct);
        if (customers.Count > PageSize)
        {
            customers.RemoveAt(PageSize);
            NextCursor = CustomerCursors.Encode(new CustomerSearch.Position(customers[^1].CreatedAt, customers[^1].Id));
        }

        // The riskiest-first list is one page: a creation-time cursor does not page a score order.
        NextCursor = Sort is null ? NextCursor : null;
        var personaNames = Personas.ToDictionary(p => p.Id, p => p.Name);
        var ids = customers.Select(c => c.Id).ToList();
        var risks = await db.CustomerChurnRisks.AsNoTracking().Where(r => ids.Contains(r.CustomerId)).ToDictionaryAsync(r => r.CustomerId, r => r.Score, ct);
        Rows = customers.Select(c => new Row(c, c.PersonaId is { } p ? personaNames.GetValueOrDefault(p) : null) { Risk = risks.TryGetValue(c.Id, out var r) ? r : null }).ToList();
    }
}
