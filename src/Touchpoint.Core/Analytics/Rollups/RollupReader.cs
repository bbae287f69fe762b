using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// Reads a workspace's daily rollups for the days that are fresh. Marks are read before the rollups:
/// the maintainer deletes a mark in the transaction that writes its days, so a day with no mark at that
/// moment is up to date as of then, and later writes only make its rollups fresher.
/// </summary>
public sealed class RollupReader(TouchpointDbContext db)
{
    /// <summary>The days to compute from raw rows; null when the rollups cannot be used at all (not built in this zone, or a change not yet placed on a day).</summary>
    public async Task<IReadOnlySet<DateOnly>?> DirtyDaysAsync(Workspace workspace, CancellationToken ct)
    {
        var id = workspace.Id;
        var ready = await db.RollupStates.AnyAsync(s => s.WorkspaceId == id && s.Ready && s.TimeZone == workspace.TimeZone, ct);
        if (!ready)
        {
            return null;
        }

        var marks = await db.RollupMarks.AsNoTracking().Where(m => m.WorkspaceId == id)
            .Select(m => new { m.Kind, m.UtcDay }).Distinct().Take(1000).ToListAsync(ct);
        if (marks.Count == 1000 || marks.Any(m => m.Kind != RollupMarkKind.Day || m.UtcDay is null))
        {
            return null;
        }

        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var days = new HashSet<DateOnly>();
        foreach (var start in marks.Select(m => m.UtcDay!.Value))
        {
            for (var day = calendar.LocalDate(start); day <= calendar.LocalDate(start.AddDays(1).AddTicks(-1)); day = day.AddDays(1))
            {
                days.Add(day);
            }
        }

        return days;
    }

    /// <summary>The rows of one dimension (one key of it, or all) for local days <paramref name="first"/>..<paramref name="last"/>.</summary>
    public async Task<List<MetricRollup>> ReadAsync(Workspace workspace, SurveyMetric metric, string dimension, string? key,
        DateOnly first, DateOnly last, CancellationToken ct)
    {
        var id = workspace.Id;
        var rows = db.MetricRollups.AsNoTracking()
            .Where(r => r.WorkspaceId == id && r.Metric == metric && r.Dimension == dimension && r.Day >= first && r.Day <= last);
        if (key is not null)
        {
            rows = rows.Where(r => r.Key == key);
        }

        return await rows.ToListAsync(ct);
    }
}
