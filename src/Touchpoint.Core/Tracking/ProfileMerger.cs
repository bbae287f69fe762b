using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Folds one profile into another when tracking learns they are the same person (identify joins an
/// anonymous visitor to a known user; alias joins an old id to a new one). Everything that points at
/// the merged profile moves; where both profiles know something, the surviving profile wins.
/// </summary>
public sealed class ProfileMerger(TouchpointDbContext db, TimeProvider clock)
{
    /// <summary>Moves <paramref name="merged"/>'s data to <paramref name="survivor"/> and deletes it, in one transaction. Both must be tracked.</summary>
    public async Task MergeAsync(Customer survivor, Customer merged, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            // An event being written for the merged profile takes a key-share lock on it: holding the
            // row lock makes that insert wait, then fail on the deleted profile and be re-resolved,
            // instead of landing between the move and the delete (where the cascade would take it).
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Customers\" WHERE \"Id\" = {merged.Id} FOR UPDATE", ct);
        }

        var from = merged.Id;
        var to = survivor.Id;
        await db.Events.Where(e => e.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, to), ct);
        await db.CustomerIdentities.Where(i => i.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, to), ct);
        await db.Responses.Where(r => r.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, (Guid?)to), ct);
        // The outbox is not workspace-filtered: say the workspace.
        await db.Outbox.Where(m => m.WorkspaceId == merged.WorkspaceId && m.CustomerId == from)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.CustomerId, (Guid?)to), ct);
        await MoveMembershipsAsync(from, to, ct);

        CombineProfiles(survivor, merged);
        await ProfileTraits.SyncIndexAsync(db, survivor, isNew: false, ct);
        db.Customers.Remove(merged);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task MoveMembershipsAsync(Guid from, Guid to, CancellationToken ct)
    {
        var theirs = await db.SegmentMembers.Where(m => m.CustomerId == from).ToListAsync(ct);
        if (theirs.Count == 0)
        {
            return;
        }

        var already = (await db.SegmentMembers.Where(m => m.CustomerId == to).Select(m => m.SegmentId).ToListAsync(ct)).ToHashSet();
        db.SegmentMembers.RemoveRange(theirs);
        db.SegmentMembers.AddRange(theirs.Where(m => !already.Contains(m.SegmentId)).Select(m => new SegmentMember
        {
            WorkspaceId = m.WorkspaceId,
            SegmentId = m.SegmentId,
            CustomerId = to,
            AddedAt = m.AddedAt,
        }));
    }

    private void CombineProfiles(Customer survivor, Customer merged)
    {
        var traits = JsonNode.Parse(merged.Traits) as JsonObject ?? [];
        foreach (var (key, value) in JsonNode.Parse(survivor.Traits) as JsonObject ?? [])
        {
            traits[key] = value?.DeepClone();
        }

        var json = traits.ToJsonString();
        if (json.Length <= ProfileTraits.MaxTraitsJson)
        {
            survivor.Traits = json;
        }

        survivor.Email ??= merged.Email;
        survivor.Phone ??= merged.Phone;
        survivor.Name ??= merged.Name;
        if (survivor.Country is null && survivor.Region is null && survivor.City is null)
        {
            (survivor.Country, survivor.Region, survivor.City) = (merged.Country, merged.Region, merged.City);
        }

        if (survivor.Latitude is null || survivor.Longitude is null)
        {
            (survivor.Latitude, survivor.Longitude) = (merged.Latitude, merged.Longitude);
        }

        survivor.TimeZone ??= merged.TimeZone;
        survivor.LifecycleStage ??= merged.LifecycleStage;
        survivor.Consent.Email ??= merged.Consent.Email;
        survivor.Consent.Sms ??= merged.Consent.Sms;
        survivor.Consent.Surveys ??= merged.Consent.Surveys;
        survivor.Consent.Tracking ??= merged.Consent.Tracking;
        survivor.CreatedAt = merged.CreatedAt < survivor.CreatedAt ? merged.CreatedAt : survivor.CreatedAt;
        survivor.LastSeenAt = Latest(survivor.LastSeenAt, merged.LastSeenAt);
        survivor.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }

    private static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
