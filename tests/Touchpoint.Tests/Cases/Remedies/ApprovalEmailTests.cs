using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Cases.Remedies;

/// <summary>An approval request reaches the manager's mailbox through a real SMTP server, and its link decides in two clicks.</summary>
public sealed class ApprovalEmailTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task RequestAboveAuthority_EmailReachesTheManager_AndItsLinkApproves(DatabaseProvider provider)
    {
        var (app, sink) = await fixture.StartAsync(provider);
        var world = await RemedyWorld.CreateAsync(app);
        using var agent = world.As(world.AgentKey);

        await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies", new { kind = "refund", amount = 250m, currency = "EUR", note = "Third broken parcel" },
            HttpStatusCode.Created);
        var mail = await sink.WaitForMessageToAsync(world.Manager.Email!);

        Assert.Equal("Approval needed: 250.00 EUR refund on case 1", mail.Subject);
        Assert.Contains("Third broken parcel", mail.TextBody, StringComparison.Ordinal);
        var link = mail.Links.First(l => l.AbsolutePath.StartsWith("/approvals/", StringComparison.Ordinal));
        using var manager = new PageSession(app);
        await manager.SignInAsync(world.Manager.Email!, TestWorkspace.Password);
        var (decided, html) = await manager.SubmitAsync(link.PathAndQuery, Form(("Decision", "approve")));

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Contains("Approved: 250.00 EUR refund", Text(html), StringComparison.Ordinal);
        Assert.Equal(CompensationStatus.Approved, await world.Workspace.QueryAsync(db => db.Compensations.Select(c => c.Status).SingleAsync()));
        var told = await sink.WaitForMessageToAsync(world.Agent.Email!);
        Assert.StartsWith("Approved: 250.00 EUR refund on case 1", told.Subject, StringComparison.Ordinal);
    }
}
