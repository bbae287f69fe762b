using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Data.Backplane;
using Touchpoint.Tests.Conversations.Chat;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform.Backplane;

/// <summary>One node on SQLite: the in-process bus tells nobody else, and live messages and responses still arrive once.</summary>
[Collection(AppCollection.Name)]
public sealed class SingleNodeBusTests(AppFixture fixture)
{
    [Theory, OnSqlite]
    public async Task OneNode_MessageAndResponse_ArriveOnceThroughTheInProcessBus(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var chat = await ChatData.StartAsync(workspace, await ChatData.InboxAsync(workspace));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("csat", "After chat")).GetGuid("id");
        await using var visitor = await HubTestClient.VisitorAsync(app, chat.ConversationId, chat.VisitorToken);
        await using var agent = await HubTestClient.AgentAsync(app, workspace.Owner.Email!);
        await agent.InvokeAsync("Since", chat.ConversationId, 0);
        using var live = await LiveFeedStream.OpenAsync(app, workspace);

        await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", "One node is enough for us");
        var message = await agent.NextAsync("message", Seq(1));
        await agent.InvokeAsync("Send", chat.ConversationId, "a-1", "Glad to hear it");
        await agent.NextAsync("message", Seq(2));
        var answer = (await client.SubmitAsync(survey, 5, comment: "Quick")).GetInt64("id");
        var response = await live.NextAsync();

        Assert.IsType<InProcessNodeBus>(app.Services.GetRequiredService<INodeBus>());
        Assert.Equal("One node is enough for us", message.GetProperty("body").GetString());
        Assert.DoesNotContain(agent.Received("message"), m => m.GetProperty("seq").GetInt64() == 1);
        Assert.Equal((answer, "Quick"), (response.GetInt64("id"), response.GetString("comment")));
    }

    private static Func<JsonElement, bool> Seq(long seq) => m => m.GetProperty("seq").GetInt64() == seq;
}
