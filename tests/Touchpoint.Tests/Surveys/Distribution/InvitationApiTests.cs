using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Distribution;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Surveys.Distribution;

/// <summary>Invitations and triggers through the REST API, under the workspace's and the survey's contact rules.</summary>
[Collection(AppCollection.Name)]
public sealed class InvitationApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Invite_NewEmail_CreatesTheCustomerAndQueuesTheEmailOnTheirTimeline(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.SetRulesAsync();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var email = DistributionSteps.Email();

        var row = await client.InviteOneAsync(survey, new { email, name = "Ana <b>Lima</b>" });
        var invitation = await workspace.SentAsync(row.GetGuid("invitationId"));
        var message = await workspace.QueryAsync(db => db.Outbox.AsNoTracking().FirstAsync(m => m.Id == invitation.OutboxMessageId));
        var customer = await workspace.QueryAsync(db => db.Customers.AsNoTracking().FirstAsync(c => c.Email == email));

        Assert.Equal("invited", row.GetString("result"));
        Assert.Equal(customer.Id, row.GetGuid("customerId"));
        Assert.Equal("Ana <b>Lima</b>", customer.Name);
        Assert.Equal(customer.Id, message.CustomerId);
        Assert.Equal(email, message.Recipient);
        Assert.Contains("Hello Ana,", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(invitation.SentAt);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invite_SecondSurveyWithinThirtyDays_SuppressedByQuarantine(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.SetRulesAsync(quarantineDays: 30);
        var first = (await client.CreateSurveyAsync()).GetGuid("id");
        var second = (await client.CreateSurveyAsync("csat")).GetGuid("id");
        var email = DistributionSteps.Email();

        var invited = await client.InviteOneAsync(first, new { email });
        var blocked = await client.InviteOneAsync(second, new { email });
        var other = await client.InviteOneAsync(second, new { email = DistributionSteps.Email() });

        Assert.Equal("invited", invited.GetString("result"));
        Assert.Equal("suppressed", blocked.GetString("result"));
        Assert.Contains("30 days", blocked.GetString("reason"), StringComparison.Ordinal);
        Assert.Equal("invited", other.GetString("result"));
        var stored = await workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().FirstAsync(i => i.Id == blocked.GetGuid("invitationId")));
        Assert.Equal(InvitationStatus.Suppressed, stored.Status);
        Assert.Null(stored.OutboxMessageId);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invite_CustomerWhoAnsweredRecently_SuppressedByQuarantine(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.SetRulesAsync(quarantineDays: 30);
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var customer = await client.PostJsonAsync("/api/v1/customers", new { externalId = $"c-{Guid.NewGuid():N}", email = DistributionSteps.Email() }, HttpStatusCode.Created);
        await client.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 9, customerId = customer.GetGuid("id") }, HttpStatusCode.Created);

        var row = await client.InviteOneAsync(survey, new { customerId = customer.GetString("id") });

        Assert.Equal("suppressed", row.GetString("result"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invite_SurveyQuarantine_BlocksThatSurveyButNotAnother(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.SetRulesAsync(quarantineDays: null);
        var guarded = (await client.CreateSurveyAsync()).GetGuid("id");
        var other = (await client.CreateSurveyAsync()).GetGuid("id");
        await workspace.QueryAsync(db => db.Surveys.Where(s => s.Id == guarded).ExecuteUpdateAsync(s => s.SetProperty(x => x.QuarantineDays, 90)));
        var email = DistributionSteps.Email();

        var first = await client.InviteOneAsync(guarded, new { email });
        var again = await client.InviteOneAsync(guarded, new { email });
        var elsewhere = await client.InviteOneAsync(other, new { email });

        Assert.Equal("invited", first.GetString("result"));
        Assert.Equal("suppressed", again.GetString("result"));
        Assert.Contains("this survey in the last 90 days", again.GetString("reason"), StringComparison.Ordinal);
        Assert.Equal("invited", elsewhere.GetString("result"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invite_DuringQuietHoursInTheCustomersZone_ScheduledForTheirMorning(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        // Quiet hours around the customer's current time: from an hour ago to two hours from now, Tokyo time.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, tokyo);
        var start = TimeOnly.FromDateTime(local).AddHours(-1);
        var end = TimeOnly.FromDateTime(local).AddHours(2);
        (start, end) = (new TimeOnly(start.Hour, start.Minute), new TimeOnly(end.Hour, end.Minute));
        await client.SetRulesAsync(quarantineDays: 30, start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture));
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var customer = await client.PostJsonAsync("/api/v1/customers",
            new { externalId = $"c-{Guid.NewGuid():N}", email = DistributionSteps.Email(), timeZone = "Asia/Tokyo" }, HttpStatusCode.Created);

        var row = await client.InviteOneAsync(survey, new { externalId = customer.GetString("externalId") });
        var list = await client.GetJsonAsync($"/api/v1/surveys/{survey}/invitations?status=scheduled");

        Assert.Equal("scheduled", row.GetString("result"));
        var scheduledFor = row.GetProperty("scheduledFor").GetDateTime().ToUniversalTime();
        var endLocal = TimeZoneInfo.ConvertTimeFromUtc(scheduledFor, tokyo);
        Assert.Equal(end, TimeOnly.FromDateTime(endLocal));
        Assert.True(scheduledFor > DateTime.UtcNow.AddMinutes(100), $"Scheduled for {scheduledFor:O}, expected the end of quiet hours.");
        var only = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("scheduled", only.GetString("status"));
        Assert.Equal(JsonValueKindNull, only.GetProperty("delivery").ValueKind);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Scheduler_WhenQuietHoursEnd_SendsTheWaitingInvitationButNotToSomeoneWhoUnsubscribedMeanwhile(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var waiting = await client.TriggerAsync(survey, new { customer = new { email = DistributionSteps.Email() }, delayMinutes = 600 });
        var quitter = await client.TriggerAsync(survey, new { customer = new { email = DistributionSteps.Email() }, delayMinutes = 600 });
        await client.PatchAsync($"/api/v1/customers/{quitter.GetGuid("customerId")}", Api.Json("""{"consent":{"surveys":false}}"""));
        // The waiting time is over.
        await workspace.QueryAsync(db => db.SurveyInvitations.Where(i => i.SurveyId == survey)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ScheduledFor, DateTime.UtcNow.AddMinutes(-1))));

        await app.Services.GetRequiredService<InvitationScheduler>().SendDueAsync(CancellationToken.None);

        var sent = await workspace.SentAsync(waiting.GetGuid("id"));
        var suppressed = await workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().FirstAsync(i => i.Id == quitter.GetGuid("id")));
        Assert.Equal("scheduled", waiting.GetString("status"));
        Assert.NotNull(sent.OutboxMessageId);
        Assert.Equal(InvitationStatus.Suppressed, suppressed.Status);
        Assert.Contains("unsubscribed", suppressed.SuppressedReason, StringComparison.Ordinal);
        Assert.Null(suppressed.OutboxMessageId);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Theory, OnSqlite, OnPostgres]
    public async Task Invite_UnsubscribedCustomer_Suppressed(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.SetRulesAsync();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var email = DistributionSteps.Email();
        await client.PostJsonAsync("/api/v1/customers", new { email, consent = new { surveys = false } }, HttpStatusCode.Created);

        var row = await client.InviteOneAsync(survey, new { email = email.ToUpperInvariant() });

        Assert.Equal("suppressed", row.GetString("result"));
        Assert.Contains("unsubscribed", row.GetString("reason"), StringComparison.Ordinal);
        Assert.Equal(1, await workspace.QueryAsync(db => db.Customers.CountAsync(c => c.Email == email)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invite_BadRowsAmongGood_ReportsEachRowAndInvitesTheGoodOnes(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.SetRulesAsync();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");

        var report = await client.InviteAsync(survey,
            new { email = DistributionSteps.Email() },
            new { email = "not-an-address" },
            new { externalId = "nobody-has-this" },
            new { email = DistributionSteps.Email(), hidden = new { plan = 3 } },
            new { email = DistributionSteps.Email(), language = "de" });

        var rows = report.GetProperty("recipients").EnumerateArray().ToList();
        Assert.Equal(2, report.GetProperty("invited").GetInt32());
        Assert.Equal(3, report.GetProperty("failed").GetInt32());
        Assert.True(rows[1].GetProperty("errors").TryGetProperty("recipients[1].email", out _));
        Assert.True(rows[2].GetProperty("errors").TryGetProperty("recipients[2].externalId", out _));
        Assert.True(rows[3].GetProperty("errors").TryGetProperty("recipients[3].hidden", out _));
        Assert.Equal(2, await workspace.QueryAsync(db => db.SurveyInvitations.CountAsync(i => i.SurveyId == survey)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invite_BadRequest_ProblemNamesTheField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");

        using var empty = await client.PostAsync($"/api/v1/surveys/{survey}/invitations", Api.Json("""{"recipients":[]}"""));
        using var badTouchPoint = await client.PostAsync($"/api/v1/surveys/{survey}/invitations",
            Api.Json($$"""{"recipients":[{"email":"a@example.test"}],"touchPointId":"{{Guid.NewGuid()}}"}"""));
        using var notJson = await client.PostAsync($"/api/v1/surveys/{survey}/invitations", Api.Json("{"));
        using var unknownSurvey = await client.PostAsync($"/api/v1/surveys/{Guid.NewGuid()}/invitations", Api.Json("""{"recipients":[{"email":"a@example.test"}]}"""));

        await Problem.AssertFieldAsync(empty, HttpStatusCode.BadRequest, "recipients");
        await Problem.AssertFieldAsync(badTouchPoint, HttpStatusCode.BadRequest, "touchPointId");
        await Problem.AssertFieldAsync(notJson, HttpStatusCode.BadRequest, "body");
        await Problem.AssertAsync(unknownSurvey, HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Trigger_AfterAnInteraction_AcceptedWithTheInteractionAttached(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.SetRulesAsync();
        var survey = (await client.CreateSurveyAsync("csat")).GetGuid("id");
        var journeys = await client.GetJsonAsync("/api/v1/journeys");
        var touchPoint = journeys.GetProperty("items")[0].GetProperty("stages")[0].GetProperty("touchPoints")[0].GetGuid("id");
        var conversation = Guid.NewGuid();
        var email = DistributionSteps.Email();

        var accepted = await client.TriggerAsync(survey, new
        {
            customer = new { email },
            touchPointId = touchPoint,
            channel = "phone",
            agent = "Maria",
            orderId = "A-1001",
            conversationId = conversation,
            hidden = new { plan = "pro" },
        });
        var invitation = await workspace.SentAsync(accepted.GetGuid("id"));

        Assert.Equal("trigger", accepted.GetString("source"));
        Assert.Equal("scheduled", accepted.GetString("status"));
        Assert.Equal(touchPoint, invitation.TouchPointId);
        Assert.Equal(Core.Journeys.Channel.Phone, invitation.Channel);
        Assert.Equal("Maria", invitation.Agent);
        Assert.Equal("A-1001", invitation.OrderId);
        Assert.Equal(conversation, invitation.ConversationId);
        Assert.Contains("\"plan\":\"pro\"", invitation.Hidden, StringComparison.Ordinal);
        var listed = await client.GetJsonAsync($"/api/v1/surveys/{survey}/invitations?status=sent");
        var row = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.NotEqual(JsonValueKindNull, row.GetProperty("delivery").ValueKind);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Trigger_WithDelay_ScheduledLaterAndASecondTriggerIsQuarantined(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.SetRulesAsync();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var customer = await client.PostJsonAsync("/api/v1/customers", new { externalId = $"c-{Guid.NewGuid():N}", email = DistributionSteps.Email() }, HttpStatusCode.Created);

        var later = await client.TriggerAsync(survey, new { customer = new { externalId = customer.GetString("externalId") }, delayMinutes = 120 });
        var again = await client.TriggerAsync(survey, new { customer = new { id = customer.GetString("id") } });

        Assert.Equal("scheduled", later.GetString("status"));
        Assert.True(later.GetProperty("scheduledFor").GetDateTime().ToUniversalTime() > DateTime.UtcNow.AddMinutes(100));
        Assert.Equal("suppressed", again.GetString("status"));
        Assert.Contains("Quarantine", again.GetString("reason"), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Trigger_BadInput_ProblemNamesTheField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var url = $"/api/v1/surveys/{survey}/trigger";

        using var noCustomer = await client.PostAsync(url, Api.Json("""{"channel":"phone"}"""));
        using var unknown = await client.PostAsync(url, Api.Json("""{"customer":{"externalId":"nobody"}}"""));
        using var badChannel = await client.PostAsync(url, Api.Json("""{"customer":{"email":"a@example.test"},"channel":"pigeon"}"""));
        using var badDelay = await client.PostAsync(url, Api.Json("""{"customer":{"email":"a@example.test"},"delayMinutes":-5}"""));

        await Problem.AssertFieldAsync(noCustomer, HttpStatusCode.BadRequest, "customer");
        await Problem.AssertFieldAsync(unknown, HttpStatusCode.BadRequest, "customer.externalId");
        await Problem.AssertFieldAsync(badChannel, HttpStatusCode.BadRequest, "channel");
        await Problem.AssertFieldAsync(badDelay, HttpStatusCode.BadRequest, "delayMinutes");
        Assert.Equal(0, await workspace.QueryAsync(db => db.SurveyInvitations.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ContactRules_PutThenGet_RoundTripsAndRejectsHalfQuietHours(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var defaults = await client.GetJsonAsync("/api/v1/contact-rules");
        await client.SetRulesAsync(14, "22:30", "07:15");
        var saved = await client.GetJsonAsync("/api/v1/contact-rules");
        using var half = await client.PutAsync("/api/v1/contact-rules", Api.Json("""{"quarantineDays":10,"quietHoursStart":"22:00"}"""));
        using var tooLong = await client.PutAsync("/api/v1/contact-rules", Api.Json("""{"quarantineDays":400}"""));
        using var badTime = await client.PutAsync("/api/v1/contact-rules", Api.Json("""{"quietHoursStart":"9pm","quietHoursEnd":"08:00"}"""));

        Assert.Equal(30, defaults.GetProperty("quarantineDays").GetInt32());
        Assert.Equal("21:00", defaults.GetString("quietHoursStart"));
        Assert.Equal(14, saved.GetProperty("quarantineDays").GetInt32());
        Assert.Equal("22:30", saved.GetString("quietHoursStart"));
        Assert.Equal("07:15", saved.GetString("quietHoursEnd"));
        await Problem.AssertFieldAsync(half, HttpStatusCode.BadRequest, "quietHoursEnd");
        await Problem.AssertFieldAsync(tooLong, HttpStatusCode.BadRequest, "quarantineDays");
        await Problem.AssertFieldAsync(badTime, HttpStatusCode.BadRequest, "quietHoursStart");
        Assert.True(await workspace.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "contact-rules.updated")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task QrCode_SvgAndPng_ServedForTheSurveyLink(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = await client.CreateSurveyAsync();
        var path = new Uri(survey.GetString("publicUrl")!).AbsolutePath;
        using var anonymous = workspace.ClientWithKey(null);

        using var svg = await anonymous.GetAsync($"{path}/qr.svg");
        using var png = await anonymous.GetAsync($"{path}/qr.png");
        using var missing = await anonymous.GetAsync("/s/no-such-link/qr.svg");

        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
