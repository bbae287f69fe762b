using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Segments;

/// <summary>Creates, changes and deletes segments; previews and recomputes rules; edits static lists; pages members.</summary>
public sealed class SegmentService(TouchpointDbContext db, SegmentRuleValidator validator, SegmentEvaluator evaluator, TimeProvider clock)
{
    public sealed record Input(string? Name, string? Description, string? Kind, JsonElement? Rule);

    public sealed record Outcome(Segment? Segment, Dictionary<string, string[]> Errors);

    public sealed record MemberRow(Guid Id, string? ExternalId, string? Name, string? Email, DateTime AddedAt);

    /// <summary>What happened to each id sent to a static list.</summary>
    public sealed record ListChange(int Changed, int MemberCount, IReadOnlyList<UnknownItem> Unknown);

    public sealed record UnknownItem(string Field, string Value, string Reason);

    public async Task<Outcome> CreateAsync(Input input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = ReadKind(input.Kind, errors) ?? SegmentKind.Dynamic;
        var rule = await CheckAsync(input, kind, null, errors, ct);
        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var segment = new Segment
        {
            Name = input.Name!.Trim(),
            Description = Blank(input.Description),
            Kind = kind,
            Rule = rule?.ToJson(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Segments.Add(segment);
        await db.SaveChangesAsync(ct);
        if (kind == SegmentKind.Dynamic)
        {
            segment.MemberCount = await evaluator.RefreshSegmentAsync(segment, null, ct);
            segment.RecomputedAt = now;
        }

        return new Outcome(segment, errors);
    }

    public async Task<Outcome> UpdateAsync(Guid id, Input input, CancellationToken ct = default)
    {
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        var errors = new Dictionary<string, string[]>();
        if (segment is null)
        {
            return new Outcome(null, errors);
        }

        if (input.Kind is not null && ReadKind(input.Kind, errors) is { } kind && kind != segment.Kind)
        {
            errors["kind"] = ["A segment's kind cannot change; create a new segment of the other kind."];
        }

        var rule = await CheckAsync(input, segment.Kind, segment.Id, errors, ct);
        if (errors.Count > 0)
        {
            return new Outcome(segment, errors);
        }

        var ruleChanged = rule is not null && rule.ToJson() != segment.Rule;
        segment.Name = input.Name!.Trim();
        segment.Description = Blank(input.Description);
        segment.Rule = rule?.ToJson() ?? segment.Rule;
        segment.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        if (ruleChanged)
        {
            // A new rule means a new member list now, not at the next periodic recompute.
            segment.MemberCount = await evaluator.RefreshSegmentAsync(segment, null, ct);
            segment.RecomputedAt = segment.UpdatedAt;
        }

        return new Outcome(segment, errors);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null)
        {
            return false;
        }

        db.Segments.Remove(segment);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>How many customers meet the rule now: one COUNT of the compiled filter.</summary>
    public Task<int> PreviewAsync(SegmentRule rule, CancellationToken ct = default) =>
        db.Customers.AsNoTracking().Where(evaluator.Compiler().Compile(rule)).CountAsync(ct);

    public async Task<(int MemberCount, long ElapsedMs)?> RecomputeAsync(Guid id, CancellationToken ct = default)
    {
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null)
        {
            return null;
        }

        var watch = Stopwatch.StartNew();
        var count = segment.Kind == SegmentKind.Dynamic
            ? await evaluator.RefreshSegmentAsync(segment, null, ct)
            : await evaluator.UpdateCountAsync(segment.Id, clock.GetUtcNow().UtcDateTime, ct);
        return (count, watch.ElapsedMilliseconds);
    }

    /// <summary>Adds customers to a static list by id or external id; ids that match no customer are reported, the rest are added.</summary>
    public Task<ListChange> AddToListAsync(Segment segment, IReadOnlyList<string>? customerIds, IReadOnlyList<string>? externalIds,
        CancellationToken ct = default) => ChangeListAsync(segment, customerIds, externalIds, add: true, ct);

    public Task<ListChange> RemoveFromListAsync(Segment segment, IReadOnlyList<string>? customerIds, IReadOnlyList<string>? externalIds,
        CancellationToken ct = default) => ChangeListAsync(segment, customerIds, externalIds, add: false, ct);

    /// <summary>One page of members ordered by customer id; <paramref name="after"/> is the last id of the previous page.</summary>
    public async Task<(List<MemberRow> Rows, Guid? Next)> MembersAsync(Guid segmentId, Guid? after, int limit, CancellationToken ct = default)
    {
        var members = db.SegmentMembers.AsNoTracking().Where(m => m.SegmentId == segmentId);
        if (after is { } last)
        {
            members = members.Where(m => m.CustomerId.CompareTo(last) > 0);
        }

        var rows = await members.OrderBy(m => m.CustomerId).Take(limit + 1)
            .Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new MemberRow(c.Id, c.ExternalId, c.Name, c.Email, m.AddedAt))
            .ToListAsync(ct);
        rows = [.. rows.OrderBy(r => r.Id)];
        return rows.Count > limit ? (rows.Take(limit).ToList(), rows[limit - 1].Id) : (rows, null);
    }

    private async Task<ListChange> ChangeListAsync(Segment segment, IReadOnlyList<string>? customerIds, IReadOnlyList<string>? externalIds,
        bool add, CancellationToken ct)
    {
        var unknown = new List<UnknownItem>();
        var found = new HashSet<Guid>();
        var ids = new List<Guid>();
        foreach (var (value, i) in (customerIds ?? []).Select((v, i) => (v, i)))
        {
            if (Guid.TryParse(value, out var id))
            {
                ids.Add(id);
            }
            else
            {
                unknown.Add(new UnknownItem($"customerIds[{i}]", value ?? "", "This is not a customer id."));
            }
        }

        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            found.UnionWith(await db.Customers.Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct));
        }

        unknown.AddRange(ids.Select((id, i) => (id, i)).Where(p => !found.Contains(p.id))
            .Select(p => new UnknownItem($"customerIds[{p.i}]", p.id.ToString(), "No customer with this id exists in your workspace.")));
        var external = (externalIds ?? []).Where(e => !string.IsNullOrEmpty(e)).Distinct(StringComparer.Ordinal).ToList();
        var byExternal = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var chunk in external.Chunk(500))
        {
            foreach (var c in await db.Customers.Where(c => chunk.Contains(c.ExternalId!)).Select(c => new { c.Id, c.ExternalId }).ToListAsync(ct))
            {
                byExternal[c.ExternalId!] = c.Id;
            }
        }

        foreach (var (value, i) in (externalIds ?? []).Select((v, i) => (v, i)))
        {
            if (value is not null && byExternal.TryGetValue(value, out var id))
            {
                found.Add(id);
            }
            else
            {
                unknown.Add(new UnknownItem($"externalIds[{i}]", value ?? "", "No customer with this external id exists in your workspace."));
            }
        }

        var present = new HashSet<Guid>();
        foreach (var chunk in found.Chunk(500))
        {
            present.UnionWith(await db.SegmentMembers.Where(m => m.SegmentId == segment.Id && chunk.Contains(m.CustomerId))
                .Select(m => m.CustomerId).ToListAsync(ct));
        }

        var changed = add ? found.Except(present).ToList() : found.Intersect(present).ToList();
        if (add)
        {
            await evaluator.AddMembersAsync(segment.Id, changed, clock.GetUtcNow().UtcDateTime, ct);
        }
        else
        {
            await evaluator.RemoveMembersAsync(segment.Id, changed, ct);
        }

        var count = await evaluator.UpdateCountAsync(segment.Id, null, ct);
        return new ListChange(changed.Count, count, unknown);
    }

    private async Task<SegmentRule?> CheckAsync(Input input, SegmentKind kind, Guid? self, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
        {
            errors["name"] = ["Give the segment a name of 1 to 100 characters."];
        }
        else
        {
            var name = input.Name.Trim();
            if (await db.Segments.AnyAsync(s => s.Name == name && s.Id != self, ct))
            {
                errors["name"] = ["Another segment has this name; choose another."];
            }
        }

        if (input.Description is { Length: > 500 })
        {
            errors["description"] = ["Keep the description under 500 characters."];
        }

        if (kind == SegmentKind.Static)
        {
            if (input.Rule is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
            {
                errors["rule"] = ["A static list has no rule: add members by id or external id instead."];
            }

            return null;
        }

        var checkedRule = await validator.CheckAsync(input.Rule, "rule", self, ct);
        foreach (var (field, messages) in checkedRule.Errors)
        {
            errors[field] = messages;
        }

        return checkedRule.Rule;
    }

    private static SegmentKind? ReadKind(string? kind, Dictionary<string, string[]> errors)
    {
        switch (kind?.ToLowerInvariant())
        {
            case null or "dynamic": return SegmentKind.Dynamic;
            case "static": return SegmentKind.Static;
            default:
                errors["kind"] = ["Use dynamic (members by rule) or static (a list you keep)."];
                return null;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
