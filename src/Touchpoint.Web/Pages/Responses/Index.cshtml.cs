using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Responses;

/// <summary>Every answer, newest first, filtered by survey and by local dates of the workspace.</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class ResponsesIndexModel(TouchpointDbContext db, CurrentWorkspace current) : PageModel
{
    private const int PageSize = 50;

    public sealed record SurveyChoice(Guid Id, string Name);

    public List<SurveyChoice> Surveys { get; private set; } = [];
    public List<Response> Rows { get; private set; } = [];
    public Guid? SurveyId { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }
    public string? NextCursor { get; private set; }

    public string NextPageUrl =>
        $"/responses?survey={SurveyId}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&cursor={Uri.EscapeDataString(NextCursor ?? "")}";

    public async Task OnGetAsync(Guid? survey, DateOnly? from, DateOnly? to, string? cursor, CancellationToken ct)
    {
        (SurveyId, From, To) = (survey, from, to);
        Surveys = await db.Surveys.AsNoTracking().OrderBy(s => s.Name).Select(s => new SurveyChoice(s.Id, s.Name)).ToListAsync(ct);
        var workspace = await current.GetAsync(ct);
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var query = db.Responses.AsNoTracking().Where(r => r.Status == Core.Feedback.ResponseStatus.Completed);
        if (survey is { } id)
        {
            query = query.Where(r => r.SurveyId == id);
        }

        if (from is { } start)
        {
            var utc = calendar.StartOfDayUtc(start);
            query = query.Where(r => r.SubmittedAt >= utc);
        }

        if (to is { } end)
        {
            var utc = calendar.StartOfDayUtc(end.AddDays(1));
            query = query.Where(r => r.SubmittedAt < utc);
        }

        if (TimeCursor.TryDecode(cursor, out var after) && after is { } last)
        {
            query = query.Where(r => r.SubmittedAt < last.At || (r.SubmittedAt == last.At && r.Id < last.Id));
        }

        Rows = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(PageSize + 1).ToListAsync(ct);
        if (Rows.Count > PageSize)
        {
            Rows.RemoveAt(PageSize);
            NextCursor = new TimeCursor(Rows[^1].SubmittedAt, Rows[^1].Id).Encode();
        }
    }
}
