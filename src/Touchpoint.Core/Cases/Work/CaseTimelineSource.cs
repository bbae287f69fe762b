using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// The customer's cases on their timeline, one item each at the moment the case was opened. The item's
/// id is the case number (unique in the workspace, and a customer lives in one), so the timeline's
/// long-keyed paging works unchanged.
/// </summary>
public sealed class CaseTimelineSource(TouchpointDbContext db) : ITimelineSource
{
    public string Kind => "case";

    public async Task<IReadOnlyList<TimelineItem>> ReadAsync(Guid customerId, TimelinePosition? after, int take, CancellationToken ct)
    {
        var cases = db.Cases.AsNoTracking().Where(c => c.CustomerId == customerId);
        if (after is { } p)
        {
            var (at, id) = (p.At, (int)Math.Min(p.Id, int.MaxValue));
            cases = p.ResumeFor(Kind) switch
            {
                TimelinePosition.Resume.Before => cases.Where(c => c.CreatedAt < at),
                TimelinePosition.Resume.AtOrBefore => cases.Where(c => c.CreatedAt <= at),
                _ => cases.Where(c => c.CreatedAt < at || (c.CreatedAt == at && c.Number < id)),
            };
        }

        var rows = await cases.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Number).Take(take).ToListAsync(ct);
        var touchPoints = await TimelineTouchPoints.NamesAsync(db, rows.Select(r => r.TouchPointId), ct);
        return rows.Select(c => new TimelineItem(Kind, c.Number, c.CreatedAt, $"Case {c.Number}: {c.Title}", null,
            c.TouchPointId is { } tp ? touchPoints.GetValueOrDefault(tp) : null, "case", new JsonObject
            {
                ["caseId"] = c.Id.ToString(),
                ["number"] = c.Number,
                ["status"] = CaseWork.Words(c.Status),
                ["priority"] = CaseWork.Words(c.Priority),
                ["rootCause"] = c.RootCause,
                ["resolutionCode"] = c.ResolutionCode,
                ["resolvedAt"] = c.ResolvedAt,
            })).ToList();
    }
}
