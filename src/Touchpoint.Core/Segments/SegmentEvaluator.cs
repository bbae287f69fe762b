using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Segments;

/// <summary>
/// Brings stored results in line with the rules: segment members, each customer's persona and
/// lifecycle stage, for everyone or for a set of changed customers. Every write is a diff against
/// what is stored, so two nodes doing the same work at once end with the same rows.
/// </summary>
public sealed class SegmentEvaluator(TouchpointDbContext db, TimeProvider clock)
{
    /// <summary>Ids per statement: far under the parameter limits of both databases.</summary>
    private const int Batch = 500;

    /// <summary>
    /// A rule over a large workspace (a million customers, ten million events) takes longer than the
    /// default 30-second command timeout; evaluating rules is background or explicit work, so it may.
    /// </summary>
    public static readonly TimeSpan RuleCommandTimeout = TimeSpan.FromMinutes(10);

    public SegmentRuleCompiler Compiler()
    {
        db.Database.SetCommandTimeout(RuleCommandTimeout);
        return new(db, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Personas, then lifecycle stages, then dynamic segments (those named by other segments first).</summary>
    public async Task RefreshAsync(IReadOnlyCollection<Guid>? only, CancellationToken ct = default)
    {
        foreach (var chunk in Chunks(only))
        {
            await RefreshPersonasAsync(chunk, ct);
            await RefreshLifecycleAsync(chunk, ct);
            var segments = await db.Segments.AsNoTracking().Where(s => s.Kind == SegmentKind.Dynamic).ToListAsync(ct);
            foreach (var segment in InDependencyOrder(segments))
            {
                await RefreshSegmentAsync(segment, chunk, ct);
            }
        }
    }

    /// <summary>Recomputes one dynamic segment's members (all customers, or only <paramref name="only"/>); returns the member count.</summary>
    public async Task<int> RefreshSegmentAsync(Segment segment, IReadOnlyCollection<Guid>? only, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var filter = Compiler().Compile(SegmentRuleValidator.Parse(segment.Rule));
        var segmentId = segment.Id;
        var matched = await Scope(only).Where(filter).Select(c => c.Id).ToListAsync(ct);
        var members = db.SegmentMembers.Where(m => m.SegmentId == segmentId);
        var current = only is null
            ? await members.Select(m => m.CustomerId).ToListAsync(ct)
            : await members.Where(m => only.Contains(m.CustomerId)).Select(m => m.CustomerId).ToListAsync(ct);
        await AddMembersAsync(segmentId, matched.Except(current).ToList(), now, ct);
        await RemoveMembersAsync(segmentId, current.Except(matched).ToList(), ct);
        return await UpdateCountAsync(segmentId, only is null ? now : null, ct);
    }

    /// <summary>Inserts members in batches; a batch that collides with another node's insert is retried with what is still missing.</summary>
    public async Task AddMembersAsync(Guid segmentId, IReadOnlyList<Guid> customerIds, DateTime now, CancellationToken ct)
    {
        foreach (var chunk in customerIds.Chunk(Batch))
        {
            db.SegmentMembers.AddRange(chunk.Select(id => new SegmentMember { SegmentId = segmentId, CustomerId = id, AddedAt = now }));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                var present = await db.SegmentMembers.Where(m => m.SegmentId == segmentId && chunk.Contains(m.CustomerId))
                    .Select(m => m.CustomerId).ToListAsync(ct);
                db.SegmentMembers.AddRange(chunk.Except(present).Select(id => new SegmentMember { SegmentId = segmentId, CustomerId = id, AddedAt = now }));
                await db.SaveChangesAsync(ct);
            }

            db.ChangeTracker.Clear();
        }
    }

    public async Task RemoveMembersAsync(Guid segmentId, IReadOnlyList<Guid> customerIds, CancellationToken ct)
    {
        foreach (var chunk in customerIds.Chunk(Batch))
        {
            await db.SegmentMembers.Where(m => m.SegmentId == segmentId && chunk.Contains(m.CustomerId)).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>Stores the live member count (and when a full recompute finished, if it was one).</summary>
    public async Task<int> UpdateCountAsync(Guid segmentId, DateTime? recomputedAt, CancellationToken ct)
    {
        var count = await db.SegmentMembers.CountAsync(m => m.SegmentId == segmentId, ct);
        if (recomputedAt is { } at)
        {
            await db.Segments.Where(s => s.Id == segmentId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.MemberCount, count).SetProperty(x => x.RecomputedAt, at), ct);
        }
        else
        {
            await db.Segments.Where(s => s.Id == segmentId).ExecuteUpdateAsync(s => s.SetProperty(x => x.MemberCount, count), ct);
        }

        return count;
    }

    /// <summary>Each customer gets the first persona (lowest priority number) whose rule they meet, or none.</summary>
    public async Task RefreshPersonasAsync(IReadOnlyCollection<Guid>? only, CancellationToken ct = default)
    {
        var personas = await db.Personas.AsNoTracking().OrderBy(p => p.Priority).ThenBy(p => p.CreatedAt).ToListAsync(ct);
        if (personas.Count == 0)
        {
            // Nobody can hold a persona then (deleting one clears it by its foreign key): skip reading
            // every changed customer's current persona on each round.
            return;
        }

        var current = await Scope(only).Select(c => new { c.Id, c.PersonaId }).ToDictionaryAsync(c => c.Id, c => c.PersonaId, ct);
        var assigned = new Dictionary<Guid, Guid?>();
        var compiler = Compiler();
        foreach (var persona in personas)
        {
            foreach (var id in await Scope(only).Where(compiler.Compile(SegmentRuleValidator.Parse(persona.Rule))).Select(c => c.Id).ToListAsync(ct))
            {
                assigned.TryAdd(id, persona.Id);
            }
        }

        var changes = current.Where(c => assigned.GetValueOrDefault(c.Key) != c.Value)
            .GroupBy(c => assigned.GetValueOrDefault(c.Key), c => c.Key);
        foreach (var change in changes)
        {
            var persona = change.Key;
            foreach (var chunk in change.Chunk(Batch))
            {
                await db.Customers.Where(c => chunk.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonaId, persona), ct);
            }
        }
    }

    /// <summary>
    /// Each customer whose stage was not set by hand gets the furthest stage whose rule they meet;
    /// a customer who meets none keeps the stage they have.
    /// </summary>
    public async Task RefreshLifecycleAsync(IReadOnlyCollection<Guid>? only, CancellationToken ct = default)
    {
        var rules = (await db.LifecycleRules.AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.Stage).ToList();
        if (rules.Count == 0)
        {
            return;
        }

        var automatic = Scope(only).Where(c => !c.LifecycleSetManually);
        var current = await automatic.Select(c => new { c.Id, c.LifecycleStage }).ToDictionaryAsync(c => c.Id, c => c.LifecycleStage, ct);
        var assigned = new Dictionary<Guid, LifecycleStage>();
        var compiler = Compiler();
        foreach (var rule in rules)
        {
            foreach (var id in await automatic.Where(compiler.Compile(SegmentRuleValidator.Parse(rule.Rule))).Select(c => c.Id).ToListAsync(ct))
            {
                assigned.TryAdd(id, rule.Stage);
            }
        }

        var changes = assigned.Where(a => current.TryGetValue(a.Key, out var stage) && stage != a.Value).GroupBy(a => a.Value, a => a.Key);
        foreach (var change in changes)
        {
            LifecycleStage? stage = change.Key;
            foreach (var chunk in change.Chunk(Batch))
            {
                await db.Customers.Where(c => chunk.Contains(c.Id) && !c.LifecycleSetManually)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LifecycleStage, stage), ct);
            }
        }
    }

    /// <summary>Segments that others name come first, so "member of segment X" reads X's fresh members.</summary>
    public static List<Segment> InDependencyOrder(IReadOnlyList<Segment> segments)
    {
        var byId = segments.ToDictionary(s => s.Id);
        var ordered = new List<Segment>();
        var seen = new HashSet<Guid>();
        foreach (var segment in segments)
        {
            Visit(segment);
        }

        return ordered;

        void Visit(Segment segment)
        {
            if (!seen.Add(segment.Id))
            {
                return;
            }

            foreach (var dependency in SegmentRuleValidator.ReferencedSegments(SegmentRuleValidator.Parse(segment.Rule)))
            {
                if (byId.TryGetValue(dependency, out var other))
                {
                    Visit(other);
                }
            }

            ordered.Add(segment);
        }
    }

    private IQueryable<Customer> Scope(IReadOnlyCollection<Guid>? only) =>
        only is null ? db.Customers.AsNoTracking() : db.Customers.AsNoTracking().Where(c => only.Contains(c.Id));

    private static IEnumerable<IReadOnlyCollection<Guid>?> Chunks(IReadOnlyCollection<Guid>? only) =>
        only is null ? [(IReadOnlyCollection<Guid>?)null] : only.Chunk(Batch);
}
