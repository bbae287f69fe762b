using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Conversations.AgentInbox;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Tracking;
using static Touchpoint.Tests.Journeys.JourneyTestData;

namespace Touchpoint.Tests.Journeys;

/// <summary>What counts at a touch point, set on the journey's mapping page: event rules (with a preview), surveys and inboxes.</summary>
[Collection(AppCollection.Name)]
public sealed class JourneyMappingsTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task PreviewAndAddRule_CountsTheLast30DaysEventsItMatches(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var journey = await CreateJourneyAsync(api, "Web shop", ("buy", [("Checkout", "web")]));
        using var tracking = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        await tracking.PostJsonAsync("/v1/page", new { anonymousId = "a", name = "Pay", properties = new { path = "/checkout/pay" } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/page", new { anonymousId = "a", name = "Cart", properties = new { path = "/checkout" } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/page", new { anonymousId = "b", name = "Pay", context = new { page = new { path = "/checkout/pay" } } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/page", new { anonymousId = "b", name = "Blog", properties = new { path = "/blog/checkout" } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/track", new { anonymousId = "a", @event = "Order Completed", properties = new { path = "/checkout" } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/page", new { anonymousId = "c", name = "Old", properties = new { path = "/checkout" }, timestamp = DateTime.UtcNow.AddDays(-31) },
            HttpStatusCode.OK);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var page = $"/journeys/{journey.GetGuid("id")}/mappings";
        var rule = PageSession.Form(("TouchPointId", TouchPoint(journey, "Checkout").ToString()), ("Source", ""), ("EventType", "Page"),
            ("EventName", ""), ("PathPrefix", "/checkout"), ("Priority", "5"));

        var (previewed, previewHtml) = await session.SubmitAsync(page, rule, $"{page}?handler=preview");
        var (nameOnly, nameHtml) = await session.SubmitAsync(page,
            PageSession.Form(("TouchPointId", TouchPoint(journey, "Checkout").ToString()), ("EventName", "Pay")), $"{page}?handler=preview");
        var (added, _) = await session.SubmitAsync(page, rule, $"{page}?handler=create");
        var (_, listed) = await session.GetAsync(page);

        // Page events of the last 30 days whose path starts with /checkout: /checkout/pay, /checkout and the
        // context's /checkout/pay; not the blog page, the track call, or the page from 31 days ago. Five events in the window.
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        Assert.Contains("This rule would match 3 of the last 30 days' 5 events.", PageSession.Text(previewHtml), StringComparison.Ordinal);
        Assert.Contains("This rule would match 2 of the last 30 days' 5 events.", PageSession.Text(nameHtml), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, nameOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var created = Assert.Single((await api.GetJsonAsync("/api/v1/tracking/mappings")).GetProperty("items").EnumerateArray());
        Assert.Equal("/checkout", created.GetString("pathPrefix"));
        Assert.Contains("5 any Page any /checkout Checkout (buy, web) 3 Delete", PageSession.Text(listed), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SurveyAndInboxMapping_NewAnswersAndConversationsCountAtTheTouchPoint(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var journey = await CreateJourneyAsync(api, "Support", ("help", [("Help desk", "chat")]));
        var desk = TouchPoint(journey, "Help desk");
        var survey = (await api.CreateSurveyAsync("csat")).GetGuid("id");
        var inbox = await InboxTestData.CreateInboxAsync(api);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var page = $"/journeys/{journey.GetGuid("id")}/mappings";

        var (surveySaved, _) = await session.SubmitAsync(page, PageSession.Form(("SurveyId", survey.ToString()), ("TouchPointId", desk.ToString())),
            $"{page}?handler=survey");
        var (inboxSaved, _) = await session.SubmitAsync(page, PageSession.Form(("InboxId", inbox.ToString()), ("TouchPointId", desk.ToString())),
            $"{page}?handler=inbox");
        var answer = await api.SubmitAsync(survey, 5);
        var conversation = await InboxTestData.LogConversationAsync(api, inbox);
        var stored = await workspace.QueryAsync(db => db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversation.GetGuid("id")));

        Assert.Equal(HttpStatusCode.Redirect, surveySaved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, inboxSaved.StatusCode);
        Assert.Equal(desk, (await api.GetJsonAsync($"/api/v1/responses/{answer.GetInt64("id")}")).GetGuid("touchPointId"));
        Assert.Equal(desk, stored.TouchPointId);
        var audit = await workspace.QueryAsync(db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync());
        Assert.Contains("survey.touch-point", audit);
        Assert.Contains("inbox.touch-point", audit);
    }
}
