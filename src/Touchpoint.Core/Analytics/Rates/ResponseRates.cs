using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.Rates;

/// <summary>
/// Response rates per survey and channel. An invitation belongs to the period of its send time
/// (<see cref="SurveyInvitation.SentAt"/>), so a late answer still counts for the send-out that asked for it:
/// opened = its link was opened, completed = it was answered, started = completed or a partial answer is saved
/// under it, partial = started but not completed. Answers without an invitation are counted by completion time.
/// </summary>
public static class ResponseRates
{
    public static async Task<IReadOnlyList<ResponseRate>> ComputeAsync(TouchpointDbContext db, DateTime from, DateTime to, Guid? surveyId,
        Channel? channel, int minimumAnswers, CancellationToken ct)
    {
        var sent = db.SurveyInvitations.AsNoTracking()
            .Where(i => i.SentAt != null && i.SentAt >= from && i.SentAt < to && i.Status != InvitationStatus.Suppressed);
        var uninvited = db.Responses.AsNoTracking()
            .Where(r => r.InvitationId == null && r.Status == ResponseStatus.Completed && r.SubmittedAt >= from && r.SubmittedAt < to);
        if (surveyId is { } id)
        {
            sent = sent.Where(i => i.SurveyId == id);
            uninvited = uninvited.Where(r => r.SurveyId == id);
        }

        if (channel is { } c)
        {
            sent = sent.Where(i => i.Channel == c);
            uninvited = uninvited.Where(r => r.Channel == c);
        }

        var invited = await sent.GroupBy(i => new { i.SurveyId, i.Channel })
            .Select(g => new
            {
                g.Key.SurveyId,
                g.Key.Channel,
                Sent = g.Count(),
                Opened = g.Count(i => i.OpenedAt != null),
                Completed = g.Count(i => i.RespondedAt != null),
            })
            .ToListAsync(ct);
        // A partial answer names its invitation; only unanswered invitations can have one that is still partial.
        var partial = await sent.Where(i => i.RespondedAt == null)
            .Where(i => db.Responses.Any(r => r.InvitationId == i.Id && r.Status == ResponseStatus.InProgress))
            .GroupBy(i => new { i.SurveyId, i.Channel })
            .Select(g => new { g.Key.SurveyId, g.Key.Channel, Count = g.Count() })
            .ToListAsync(ct);
        var other = await uninvited.GroupBy(r => r.SurveyId).Select(g => new { SurveyId = g.Key, Count = g.Count() }).ToListAsync(ct);

        var surveyIds = invited.Select(i => i.SurveyId).Concat(other.Select(o => o.SurveyId)).Distinct().ToList();
        var names = await db.Surveys.AsNoTracking().Where(s => surveyIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var rows = new List<ResponseRate>();
        foreach (var row in invited)
        {
            var partialCount = partial.FirstOrDefault(p => p.SurveyId == row.SurveyId && p.Channel == row.Channel)?.Count ?? 0;
            var shown = row.Sent >= Math.Max(1, minimumAnswers);
            var (low, high) = shown ? WilsonInterval.Of(row.Completed, row.Sent) : (0, 0);
            rows.Add(new ResponseRate(row.SurveyId, names.GetValueOrDefault(row.SurveyId, ""), true, row.Channel, row.Sent, row.Opened,
                row.Completed + partialCount, partialCount, row.Completed, shown ? (double)row.Completed / row.Sent : null,
                shown ? low : null, shown ? high : null));
        }

        rows.AddRange(other.Select(o => new ResponseRate(o.SurveyId, names.GetValueOrDefault(o.SurveyId, ""), false, null, 0, 0, o.Count, 0, o.Count,
            null, null, null)));
        return rows.OrderBy(r => r.SurveyName, StringComparer.CurrentCulture).ThenBy(r => r.SurveyId).ThenByDescending(r => r.Invited)
            .ThenBy(r => r.Channel).ToList();
    }
}
