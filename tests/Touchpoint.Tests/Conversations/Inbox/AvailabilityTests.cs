using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AgentInbox;

/// <summary>What the widget is told: open by business hours, an agent available, the next opening, the expected wait.</summary>
[Collection(AppCollection.Name)]
public sealed class AvailabilityTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Check_OnlineAgentUnderCapacity_CanChat_FullAgent_CannotChat(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await InboxTestData.OnlineAgentAsync(workspace, client, capacity: 1);
        var inbox = await InboxTestData.CreateInboxAsync(client, "roundRobin", agent);
        Task<InboxAvailability.Answer> Check() => workspace.InWorkspaceAsync(s => s.GetRequiredService<InboxAvailability>().CheckAsync(inbox));

        var before = await Check();
        await InboxTestData.LogConversationAsync(client, inbox);
        var after = await Check();

        Assert.True(before.CanChat);
        Assert.False(after.AgentAvailable);
        Assert.NotNull(after.ExpectedWaitSeconds);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Check_OnHoliday_ClosedWithNextOpening(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var allDay = Enum.GetValues<DayOfWeek>().ToDictionary(d => d.ToString().ToLowerInvariant(), _ => new[] { new { from = "00:00", to = "24:00" } });
        var inbox = (await client.PostJsonAsync("/api/v1/inboxes", new
        {
            name = "Holiday",
            businessHours = new { timeZone = "UTC", days = allDay, holidays = new[] { today.ToString("yyyy-MM-dd") } },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var answer = await workspace.InWorkspaceAsync(s => s.GetRequiredService<InboxAvailability>().CheckAsync(inbox));

        Assert.False(answer.Open);
        Assert.Equal(today.AddDays(1).ToDateTime(TimeOnly.MinValue), answer.NextOpening);
        Assert.Equal(0, await workspace.QueryAsync(db => db.Conversations.CountAsync()));
    }
}
