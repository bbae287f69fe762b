using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Touchpoint.Core.Analytics.Dashboards.Digests;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Distribution;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Web.Analytics.Dashboards;
using static Touchpoint.Tests.Analytics.Dashboards.DashboardData;

namespace Touchpoint.Tests.Analytics.Dashboards;

/// <summary>Scheduled digests: due at the member's local hour, sent through the outbox once per period even from two nodes.</summary>
public sealed class DigestTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static DigestWorker Node(TouchpointFactory app, TimeProvider clock) => new(app.Services.GetRequiredService<IServiceScopeFactory>(),
        app.Services.GetRequiredService<IDataProtectionProvider>(), app.Services.GetRequiredService<SurveyLinks>(), clock, NullLogger<DigestWorker>.Instance);

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task Digest_DailyAtTheMembersHour_IsSentOncePerPeriodWithChangesMoversAndCases(DatabaseProvider provider)
    {
        // Arrange: the owner asks for a daily digest at 8:00 (the workspace is on UTC). On 9 January ten answers of 10
        // at checkout (NPS 100), on the 8th ten answers of 0 (NPS -100); one case opened on the 9th is still open.
        var (app, sink) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var session = new PageSession(app);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var (saved, _) = await session.SubmitAsync("/dashboards", PageSession.Form(("frequency", "daily"), ("hour", "8")), "/dashboards?handler=Digest");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var survey = await workspace.SurveyAsync();
        var checkout = await workspace.TouchPointAsync("Checkout on web");
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2026, 1, 9), Enumerable.Repeat(10, 10).ToArray(), checkout.Id, Channel.Web);
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2026, 1, 8), Enumerable.Repeat(0, 10).ToArray(), checkout.Id, Channel.Web);
        await workspace.QueryAsync(async db =>
        {
            db.Cases.Add(new Case { Number = 1, Title = "Late parcel", ReplyToken = Guid.NewGuid().ToString("N")[..20], CreatedAt = Utc(2026, 1, 9), UpdatedAt = Utc(2026, 1, 9) });
            return await db.SaveChangesAsync();
        });
        var clock = new Clock(new DateTimeOffset(2026, 1, 10, 7, 59, 0, TimeSpan.Zero));
        var (nodeA, nodeB) = (Node(app, clock), Node(app, clock));
        var subject = $"{workspace.Workspace.Name} digest: 9 Jan 2026";

        // Act: before the hour nothing is due; at 9:00 two nodes sweep at once, then again.
        var early = await nodeA.SweepAsync();
        clock.Now = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
        var both = await Task.WhenAll(nodeA.SweepAsync(), nodeB.SweepAsync());
        var again = await nodeB.SweepAsync();
        var mail = await sink.WaitForMessageAsync(m => m.Subject == subject);

        // Assert
        Assert.Equal(0, early);
        Assert.Equal(1, both.Sum());
        Assert.Equal(0, again);
        var queued = await workspace.QueryAsync(db => db.Outbox.CountAsync(o => o.Subject == subject));
        Assert.Equal(1, queued);
        Assert.Equal(workspace.Owner.Email, mail.EnvelopeRecipient);
        var text = mail.TextBody!;
        Assert.Contains("NPS: 100 (n = 10), +200 vs the period before (significant)", text);
        Assert.Contains("CSAT: too few answers (n = 0)", text);
        Assert.Contains("Checkout on web: +200 (significant)", text);
        Assert.Contains("New cases still open: 1", text);
        Assert.DoesNotContain("Late parcel", text);

        // The unsubscribe link stops the digest.
        var link = text.Split('\n').Single(l => l.StartsWith("Stop these emails: ", StringComparison.Ordinal))["Stop these emails: ".Length..].Trim();
        using var anonymous = new PageSession(app);
        var (stopped, _) = await anonymous.PostAsync(new Uri(link).PathAndQuery, []);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.False(await workspace.QueryAsync(db => db.DigestSubscriptions.AnyAsync()));
        clock.Now = clock.Now.AddDays(1);
        Assert.Equal(0, await nodeA.SweepAsync());
    }

    [Fact]
    public void Schedule_Weekly_IsDueOnTheWeekStartFromTheLocalHourAndCoversTheWeekBefore()
    {
        var workspace = new Core.Platform.Workspace { Name = "W", TimeZone = "Pacific/Auckland", WeekStart = DayOfWeek.Monday };
        var weekly = new DigestSubscription { Frequency = DigestFrequency.Weekly, LocalHour = 7 };

        // Monday 12 January 2026, 07:30 in Auckland (UTC+13) is Sunday 18:30 UTC.
        var due = DigestSchedule.Due(workspace, weekly, new DateTimeOffset(2026, 1, 11, 18, 30, 0, TimeSpan.Zero));
        var beforeHour = DigestSchedule.Due(workspace, weekly, new DateTimeOffset(2026, 1, 11, 17, 30, 0, TimeSpan.Zero));
        var tuesday = DigestSchedule.Due(workspace, weekly, new DateTimeOffset(2026, 1, 12, 18, 30, 0, TimeSpan.Zero));

        Assert.Equal(("weekly:2026-01-05", new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 11)), due);
        Assert.Null(beforeHour);
        Assert.Null(tuesday);
    }
}
