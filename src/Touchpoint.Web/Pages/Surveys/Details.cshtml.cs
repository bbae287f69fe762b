using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Analytics.Rates;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Surveys;

/// <summary>One survey: its public link and QR code, its score, its results (response rates, rating means) and its latest answers.</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class SurveyDetailsModel(TouchpointDbContext db, MetricsService metrics, CurrentWorkspace current, TimeProvider clock) : PageModel
{
    public Survey Survey { get; private set; } = null!;
    public string PublicUrl { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";
    public MetricScore Score { get; private set; } = null!;
    public List<Response> Latest { get; private set; } = [];
    public RatesView Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return NotFound();
        }

        Survey = survey;
        PublicUrl = PublicUrls.Survey(HttpContext, survey.LinkId);
        using var qr = QRCodeGenerator.GenerateQrCode(PublicUrl, QRCodeGenerator.ECCLevel.M);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(6));
        var to = clock.GetUtcNow().UtcDateTime;
        Score = (await metrics.ComputeAsync(await current.GetAsync(ct), new MetricQuery(survey.Metric, to.AddDays(-90), to, SurveyId: survey.Id), ct: ct)).Overall;
        var workspace = await current.GetAsync(ct);
        var (first, last) = RatesView.LastDays(workspace, clock, 90);
        Results = await RatesView.LoadAsync(db, workspace, first, last, survey, null, ct);
        Latest = await db.Responses.AsNoTracking().Where(r => r.SurveyId == id && r.Status == Core.Feedback.ResponseStatus.Completed).OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(10).ToListAsync(ct);
        return Page();
    }
}
