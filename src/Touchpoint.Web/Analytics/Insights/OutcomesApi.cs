using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Outcomes;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics.Insights;

/// <summary>
/// GET /api/v1/metrics/outcomes?from=&amp;to=, GET and PUT /api/v1/metrics/outcomes/settings,
/// GET /api/v1/metrics/churn-risk (riskiest first) and POST /api/v1/metrics/churn-risk/recompute.
/// </summary>
internal static class OutcomesApi
{
    public sealed record SettingsBody(string? PurchaseEvent, string? ReferralSentEvent, string? ReferralCompletedEvent, int? ChurnWindowDays);

    public sealed record RiskDto(Guid CustomerId, string? Name, string? Email, int Score, bool High, IReadOnlyList<ChurnReason> Reasons,
        DateTime ComputedAt);

    public sealed record RecomputeDto(DateTime RequestedAt, DateTime? LastComputedAt);

    public static void MapOutcomesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/metrics").WithTags("Metrics");
        group.MapGet("/outcomes", GetAsync).RequireAuthorization(Permission.ViewAnalytics.Name);
        group.MapGet("/outcomes/settings", GetSettingsAsync).RequireAuthorization(Permission.ViewAnalytics.Name);
        group.MapPut("/outcomes/settings", PutSettingsAsync).RequireAuthorization(Permission.ViewAnalytics.Name);
        group.MapGet("/churn-risk", ListRiskAsync).RequireAuthorization(Permission.ViewAnalytics.Name);
        group.MapPost("/churn-risk/recompute", RecomputeAsync).RequireAuthorization(Permission.ViewAnalytics.Name);
    }

    private static async Task<Results<Ok<OutcomesReport>, ValidationProblem>> GetAsync(DateTimeOffset? from, DateTimeOffset? to,
        OutcomesService outcomes, CurrentWorkspace current, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (InsightsQuery.Period(from, to, clock.GetUtcNow().UtcDateTime, errors) is not { } period)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(await outcomes.ComputeAsync(await current.GetAsync(ct), period.From, period.To, ct));
    }

    private static async Task<Ok<OutcomesReport.SettingsView>> GetSettingsAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var s = await OutcomesService.SettingsAsync(db, ct);
        return TypedResults.Ok(new OutcomesReport.SettingsView(s.PurchaseEvent, s.ReferralSentEvent, s.ReferralCompletedEvent, s.ChurnWindowDays));
    }

    private static async Task<Results<Ok<OutcomesReport.SettingsView>, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(
        SettingsBody body, HttpContext http, TouchpointDbContext db, CancellationToken ct)
    {
        if (!InsightsAccess.MayManage(http.User))
        {
            return Forbidden("change how outcomes are read");
        }

        var errors = new Dictionary<string, string[]>();
        var settings = await db.OutcomeSettings.FirstOrDefaultAsync(ct);
        var isNew = settings is null;
        settings ??= new OutcomeSettings();
        settings.PurchaseEvent = EventName(body.PurchaseEvent, settings.PurchaseEvent, "purchaseEvent", errors);
        settings.ReferralSentEvent = EventName(body.ReferralSentEvent, settings.ReferralSentEvent, "referralSentEvent", errors);
        settings.ReferralCompletedEvent = EventName(body.ReferralCompletedEvent, settings.ReferralCompletedEvent, "referralCompletedEvent", errors);
        if (body.ChurnWindowDays is { } days)
        {
            if (days is < 7 or > 365)
            {
                errors["churnWindowDays"] = ["Use a whole number of days from 7 to 365."];
            }
            else
            {
                settings.ChurnWindowDays = days;
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (isNew)
        {
            db.OutcomeSettings.Add(settings);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new OutcomesReport.SettingsView(settings.PurchaseEvent, settings.ReferralSentEvent, settings.ReferralCompletedEvent,
            settings.ChurnWindowDays));
    }

    private static string EventName(string? given, string current, string field, Dictionary<string, string[]> errors)
    {
        if (given is null)
        {
            return current;
        }

        var name = given.Trim();
        if (name.Length is 0 or > OutcomeSettings.MaxEventNameLength)
        {
            errors[field] = [$"Give an event name of 1 to {OutcomeSettings.MaxEventNameLength} characters."];
            return current;
        }

        return name;
    }

    private static async Task<Results<Ok<IReadOnlyList<RiskDto>>, ValidationProblem>> ListRiskAsync(int? limit, int? minScore,
        TouchpointDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > 500)
        {
            errors["limit"] = ["Use a limit from 1 to 500."];
        }

        if (minScore is < 0 or > 100)
        {
            errors["minScore"] = ["Use a score from 0 to 100."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var floor = minScore ?? 0;
        var rows = await (from r in db.CustomerChurnRisks.AsNoTracking()
                          join c in db.Customers.AsNoTracking() on r.CustomerId equals c.Id
                          where r.Score >= floor
                          orderby r.Score descending, r.CustomerId
                          select new { r, c.Name, c.Email }).Take(limit ?? 50).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<RiskDto>>(rows.Select(x => new RiskDto(x.r.CustomerId, x.Name, x.Email, x.r.Score,
            x.r.Score >= ChurnRiskService.HighRisk, ChurnRiskService.ReadReasons(x.r.Reasons), x.r.ComputedAt)).ToList());
    }

    /// <summary>Records the request; the churn sweep recomputes on its next round, off this request.</summary>
    private static async Task<Results<Accepted<RecomputeDto>, ProblemHttpResult>> RecomputeAsync(HttpContext http, TouchpointDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (!InsightsAccess.MayManage(http.User))
        {
            return Forbidden("recompute churn risk");
        }

        var at = await RequestRecomputeAsync(db, clock, ct);
        var last = await db.ChurnModelFits.AsNoTracking().Select(f => (DateTime?)f.ComputedAt).FirstOrDefaultAsync(ct);
        return TypedResults.Accepted("/api/v1/metrics/outcomes", new RecomputeDto(at, last));
    }

    public static async Task<DateTime> RequestRecomputeAsync(TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var at = clock.GetUtcNow().UtcDateTime;
        var settings = await db.OutcomeSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            db.OutcomeSettings.Add(new OutcomeSettings { RecomputeRequestedAt = at });
        }
        else
        {
            settings.RecomputeRequestedAt = at;
        }

        await db.SaveChangesAsync(ct);
        return at;
    }

    private static ProblemHttpResult Forbidden(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: $"You may not {what}",
            detail: "This needs an owner, admin or analyst, or a key with write scope.");
}
