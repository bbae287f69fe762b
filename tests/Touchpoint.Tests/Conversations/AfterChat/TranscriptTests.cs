using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AfterChat;

/// <summary>A visitor gets the conversation's public messages by email, encoded, a few times an hour at most.</summary>
[Collection(AppCollection.Name)]
public sealed class TranscriptTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Transcript_Requested_QueuesPublicMessagesEncodedWithoutNotes(DatabaseProvider provider)
    {
        var chat = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        var agent = await chat.AgentAsync();
        await chat.AppendAsync(MessageAuthor.Customer, "Is <script>alert(1)</script> a problem?");
        await chat.AppendAsync(MessageAuthor.Agent, "Internal: VIP customer", agent.Id, isPrivate: true);
        await chat.AppendAsync(MessageAuthor.Agent, "No, all good.", agent.Id);
        using var visitor = chat.Visitor();

        using var response = await visitor.PostAsJsonAsync($"{chat.Widget}/transcript", new { });

        var body = await response.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("visitor@example.test", body.GetString("email"));
        var mail = await chat.Workspace.QueryAsync(db => db.Outbox.SingleAsync(m => m.Recipient == "visitor@example.test"));
        Assert.Contains("Is <script>alert(1)</script> a problem?", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("No, all good.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(agent.DisplayName, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("VIP", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Ana &lt;b&gt;Silva&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("VIP", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Transcript_FourthInAnHour_IsRefusedWith429(DatabaseProvider provider)
    {
        var chat = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        await chat.AppendAsync(MessageAuthor.Customer, "Hello");
        using var visitor = chat.Visitor();

        for (var i = 0; i < 3; i++)
        {
            using var sent = await visitor.PostAsJsonAsync($"{chat.Widget}/transcript", new { email = $"copy{i}@example.test" });
            await sent.ExpectAsync(HttpStatusCode.Accepted);
        }

        using var fourth = await visitor.PostAsJsonAsync($"{chat.Widget}/transcript", new { email = "copy3@example.test" });

        await Problem.AssertAsync(fourth, HttpStatusCode.TooManyRequests);
        Assert.Equal(3, await chat.Workspace.QueryAsync(db => db.Outbox.CountAsync(m => m.Recipient.StartsWith("copy"))));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Transcript_NoAddressKnownOrBadAddress_NamesTheEmailField(DatabaseProvider provider)
    {
        var chat = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)), contactEmail: null);
        using var visitor = chat.Visitor();

        using var none = await visitor.PostAsJsonAsync($"{chat.Widget}/transcript", new { });
        using var bad = await visitor.PostAsJsonAsync($"{chat.Widget}/transcript", new { email = "not an address" });

        await Problem.AssertFieldAsync(none, HttpStatusCode.BadRequest, "email");
        await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, "email");
    }
}
