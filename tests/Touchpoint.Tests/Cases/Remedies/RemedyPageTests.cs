using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Surveys.Distribution;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Cases.Remedies;

[Collection(AppCollection.Name)]
public sealed class RemedyPageTests(AppFixture fixture)
{
    private const string HostileTitle = "<script>alert('x')</script> parcel broken";

    [Theory, OnSqlite, OnPostgres]
    public async Task ApprovalLink_OpeningShowsTheRequest_OnlyTheConfirmDecides_AndTheLinkWorksOnce(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider), HostileTitle);
        var token = await RequestRefundAsync(world);
        using var manager = new PageSession(world.Workspace.App);
        await manager.SignInAsync(world.Manager.Email!, TestWorkspace.Password);

        var (opened, html) = await manager.GetAsync($"/approvals/{token}");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("150.00 EUR refund on case 1", Text(html), StringComparison.Ordinal);
        Assert.Contains(HostileTitle, Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("up to 100.00 refund per case", Text(html), StringComparison.Ordinal);
        Assert.Equal(CompensationStatus.PendingApproval, await StatusAsync(world));

        var (decided, done) = await manager.SubmitAsync($"/approvals/{token}", Form(("Decision", "approve"), ("Note", "Loyal customer")));

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Contains("Approved: 150.00 EUR refund", Text(done), StringComparison.Ordinal);
        Assert.Equal(CompensationStatus.Approved, await StatusAsync(world));
        Assert.Contains(await world.AuditAsync(), e => e.StartsWith($"remedy.approved user:{world.Manager.Email}", StringComparison.Ordinal));

        var (reused, reusedHtml) = await manager.GetAsync($"/approvals/{token}");
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("already approved by", Text(reusedHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Decision\"", reusedHtml, StringComparison.Ordinal);
        var (reposted, _) = await manager.PostAsync($"/approvals/{token}", Form(("Decision", "deny"), ("__RequestVerificationToken", AntiforgeryToken(html)!)));
        Assert.Equal(HttpStatusCode.Conflict, reposted.StatusCode);
        Assert.Equal(CompensationStatus.Approved, await StatusAsync(world));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ApprovalLink_ForgedExpiredOrOpenedByTheWrongPerson_NeverDecides(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        var token = await RequestRefundAsync(world);
        var expiredToken = await RequestRefundAsync(world, createdAt: DateTimeOffset.UtcNow - RemedyLimits.ApprovalLinkLifetime - TimeSpan.FromHours(1));
        using var manager = new PageSession(world.Workspace.App);
        await manager.SignInAsync(world.Manager.Email!, TestWorkspace.Password);

        var (forged, forgedHtml) = await manager.GetAsync($"/approvals/{token[..^4]}abcd");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Contains("This approval link is not valid", Text(forgedHtml), StringComparison.Ordinal);
        var (expired, expiredHtml) = await manager.GetAsync($"/approvals/{expiredToken}");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired", Text(expiredHtml), StringComparison.Ordinal);
        var (_, pageHtml) = await manager.GetAsync($"/approvals/{token}");
        var antiforgery = AntiforgeryToken(pageHtml)!;
        var (expiredPost, _) = await manager.PostAsync($"/approvals/{expiredToken}", Form(("Decision", "approve"), ("__RequestVerificationToken", antiforgery)));
        Assert.Equal(HttpStatusCode.Gone, expiredPost.StatusCode);
        var (noAntiforgery, _) = await manager.PostAsync($"/approvals/{token}", Form(("Decision", "approve")));
        Assert.Equal(HttpStatusCode.BadRequest, noAntiforgery.StatusCode);

        using var agent = new PageSession(world.Workspace.App);
        await agent.SignInAsync(world.Agent.Email!, TestWorkspace.Password);
        var (byAgent, agentHtml) = await agent.GetAsync($"/approvals/{token}");
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Contains("Only a manager", Text(agentHtml), StringComparison.Ordinal);

        using var stranger = new PageSession(world.Workspace.App);
        var (signedOut, _) = await stranger.GetAsync($"/approvals/{token}");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/signin", signedOut.Headers.Location!.ToString(), StringComparison.Ordinal);

        Assert.Equal([CompensationStatus.PendingApproval, CompensationStatus.PendingApproval],
            await world.Workspace.QueryAsync(db => db.Compensations.Select(c => c.Status).ToListAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ApprovalsPage_ListsWhatWaits_AndAManagerDeniesFromIt(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider), HostileTitle);
        await RequestRefundAsync(world);
        using var manager = new PageSession(world.Workspace.App);
        await manager.SignInAsync(world.Manager.Email!, TestWorkspace.Password);
        var remedyId = await world.Workspace.QueryAsync(db => db.Compensations.Select(c => c.Id).SingleAsync());

        var (_, list) = await manager.GetAsync("/approvals");
        Assert.Contains("150.00 EUR refund", Text(list), StringComparison.Ordinal);
        Assert.Contains(HostileTitle, Text(list), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", list, StringComparison.Ordinal);
        var (denied, _) = await manager.SubmitAsync("/approvals", Form(("RemedyId", remedyId.ToString()), ("Decision", "deny"), ("Note", "Too much")),
            "/approvals?handler=Decide");

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal(CompensationStatus.Denied, await StatusAsync(world));
        var (_, after) = await manager.GetAsync("/approvals");
        Assert.Contains("Nothing waits for your approval", Text(after), StringComparison.Ordinal);

        using var agent = new PageSession(world.Workspace.App);
        await agent.SignInAsync(world.Agent.Email!, TestWorkspace.Password);
        var (refused, _) = await agent.GetAsync("/approvals");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CaseRemediesPanel_AnAgentGivesWithinAuthority_AndABadAmountIsExplained(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var world = await RemedyWorld.CreateAsync(app, HostileTitle);
        var stranger = await RemedyWorld.CreateAsync(app);
        using var agent = new PageSession(app);
        await agent.SignInAsync(world.Agent.Email!, TestWorkspace.Password);
        var url = $"/cases/remedies/{world.Case.Id}";

        var (_, page) = await agent.GetAsync(url);
        Assert.Contains("You can grant without approval: up to 50.00 credit per case; free upgrade (no cap); up to 100.00 refund per case.", Text(page), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);

        var (bad, badHtml) = await agent.SubmitAsync(url, Form(("Kind", "credit"), ("Amount", "-5"), ("Currency", "EUR"), ("ReturnUrl", url)), $"{url}?handler=Give");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Give an amount of 0 or more.", Text(badHtml), StringComparison.Ordinal);

        var (given, _) = await agent.SubmitAsync(url, Form(("Kind", "credit"), ("Amount", "40"), ("Currency", "EUR"), ("Note", "<b>sorry</b>"), ("ReturnUrl", url)),
            $"{url}?handler=Give");
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal(url, given.Headers.Location!.ToString());
        var (_, after) = await agent.GetAsync(url);
        Assert.Contains("40.00 EUR credit granted", Text(after), StringComparison.Ordinal);
        Assert.Contains("<b>sorry</b>", Text(after), StringComparison.Ordinal);
        Assert.DoesNotContain("<b>sorry</b>", after, StringComparison.Ordinal);
        Assert.Equal(CompensationStatus.Granted, await StatusAsync(world));

        var (foreign, _) = await agent.GetAsync($"/cases/remedies/{stranger.Case.Id}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CaseRemediesPanel_AManagerApprovesFromTheCase_TheAgentSeesNoDecisionButtons(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        await RequestRefundAsync(world);
        var url = $"/cases/remedies/{world.Case.Id}";
        using var agent = new PageSession(world.Workspace.App);
        await agent.SignInAsync(world.Agent.Email!, TestWorkspace.Password);
        using var manager = new PageSession(world.Workspace.App);
        await manager.SignInAsync(world.Manager.Email!, TestWorkspace.Password);
        var remedyId = await world.Workspace.QueryAsync(db => db.Compensations.Select(c => c.Id).SingleAsync());

        var (_, agentView) = await agent.GetAsync(url);
        var (_, managerView) = await manager.GetAsync(url);
        var (approved, _) = await manager.SubmitAsync(url, Form(("RemedyId", remedyId.ToString()), ("Decision", "approve"), ("ReturnUrl", url)),
            "/approvals?handler=Decide");

        Assert.Contains("150.00 EUR refund waiting for approval", Text(agentView), StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"approve\"", agentView, StringComparison.Ordinal);
        Assert.Contains("value=\"approve\"", managerView, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(url, approved.Headers.Location!.ToString());
        var (_, after) = await agent.GetAsync(url);
        Assert.Contains("150.00 EUR refund approved by", Text(after), StringComparison.Ordinal);
        var told = await world.Workspace.QueryAsync(db => db.UserNotifications.Where(n => n.UserId == world.Agent.Id).Select(n => n.Title).SingleAsync());
        Assert.StartsWith("Approved: 150.00 EUR refund on case 1", told, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AuthoritySettings_AManagerSetsAPersonalLimit_ItIsListedAndAudited(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var manager = new PageSession(world.Workspace.App);
        await manager.SignInAsync(world.Manager.Email!, TestWorkspace.Password);

        var (saved, _) = await manager.SubmitAsync("/settings/authority",
            Form(("Holder", $"user:{world.Agent.Id}"), ("Kind", "Voucher"), ("MaxAmount", "25")), "/settings/authority?handler=Set");
        var (refused, refusedHtml) = await manager.SubmitAsync("/settings/authority",
            Form(("Holder", "role:Agent"), ("Kind", "credit"), ("MaxAmount", "-3")), "/settings/authority?handler=Set");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Give an amount of 0 or more.", Text(refusedHtml), StringComparison.Ordinal);
        var (_, page) = await manager.GetAsync("/settings/authority");
        Assert.Contains("voucher up to 25", Text(page), StringComparison.Ordinal);
        var limit = await world.Workspace.QueryAsync(db => db.AuthorityLimits.SingleAsync(l => l.UserId == world.Agent.Id));
        Assert.Equal(("voucher", 25m), (limit.Kind, limit.MaxAmount!.Value));
        Assert.Contains(await world.AuditAsync(), e => e.StartsWith($"authority.limit_set user:{world.Manager.Email} user:{world.Agent.Email}", StringComparison.Ordinal));
    }

    /// <summary>The agent asks for a refund above their authority; returns the token mailed to the manager.</summary>
    private static async Task<string> RequestRefundAsync(RemedyWorld world, DateTimeOffset? createdAt = null)
    {
        var before = await world.ApprovalEmailsToAsync(world.Manager);
        if (createdAt is { } at)
        {
            // An old request: made through the service with a clock set back, as if asked days ago.
            await world.Workspace.InWorkspaceAsync(async services =>
            {
                var clock = new FixedClock(at);
                var db = services.GetRequiredService<TouchpointDbContext>();
                var desk = new RemedyDesk(db, new Authority(db), new RemedyNotices(db, services.GetRequiredService<Notifier>(), new Outbox(db, services.GetRequiredService<OutboxSignal>(), clock)),
                    new AuditLog(db, clock), clock);
                var result = await desk.GiveAsync(world.Case.Id, new RemedyDesk.Input("refund", 150m, "EUR", null),
                    new RemedyActor(world.Agent.Id, WorkspaceRole.Agent, $"user:{world.Agent.Email}"), "http://localhost");
                Assert.Equal(RemedyOutcome.Done, result.Outcome);
            });
        }
        else
        {
            using var agent = world.As(world.AgentKey);
            using var response = await agent.PostAsJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies", new { kind = "refund", amount = 150m, currency = "EUR" });
            await response.ExpectAsync(HttpStatusCode.Created);
        }

        return RemedyWorld.TokenIn(Assert.Single((await world.ApprovalEmailsToAsync(world.Manager)).Except(before)));
    }

    private static Task<CompensationStatus> StatusAsync(RemedyWorld world) =>
        world.Workspace.QueryAsync(db => db.Compensations.OrderByDescending(c => c.CreatedAt).Select(c => c.Status).FirstAsync());
}
