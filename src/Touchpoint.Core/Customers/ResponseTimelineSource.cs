using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>The customer's survey answers on the timeline: survey, metric, score and comment.</summary>
public sealed class ResponseTimelineSource(TouchpointDbContext db) : ITimelineSource
{
    public string Kind => "response";

    public async Task<IReadOnlyList<TimelineItem>> ReadAsync(Guid customerId, TimelinePosition? after, int take, CancellationToken ct)
    {
        var responses = db.Responses.AsNoTracking().Where(r => r.CustomerId == customerId && r.Status == Feedback.ResponseStatus.Completed);
        if (after is { } p)
        {
            var (at, id) = (p.At, p.Id);
            responses = p.ResumeFor(Kind) switch
            {
                TimelinePosition.Resume.Before => responses.Where(r => r.SubmittedAt < at),
                TimelinePosition.Resume.AtOrBefore => responses.Where(r => r.SubmittedAt <= at),
                _ => responses.Where(r => r.SubmittedAt < at || (r.SubmittedAt == at && r.Id < id)),
            };
        }

        var rows = await responses.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(take)
            .Join(db.Surveys, r => r.SurveyId, s => s.Id, (r, s) => new { Response = r, Survey = s.Name })
            .ToListAsync(ct);
        var touchPoints = await TimelineTouchPoints.NamesAsync(db, rows.Select(r => r.Response.TouchPointId), ct);
        return rows
            .OrderByDescending(x => x.Response.SubmittedAt).ThenByDescending(x => x.Response.Id)
            .Select(x =>
            {
                var (r, metric) = (x.Response, x.Response.Metric.ToString().ToUpperInvariant());
                return new TimelineItem(Kind, r.Id, r.SubmittedAt, $"{metric} {r.Score} · {x.Survey}", r.Channel,
                    r.TouchPointId is { } tp ? touchPoints.GetValueOrDefault(tp) : null, "survey",
                    new JsonObject
                    {
                        ["responseId"] = r.Id,
                        ["surveyId"] = r.SurveyId.ToString(),
                        ["survey"] = x.Survey,
                        ["metric"] = r.Metric.ToString().ToLowerInvariant(),
                        ["score"] = r.Score,
                        ["comment"] = r.Comment,
                    });
            }).ToList();
    }
}
