using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Touchpoint.Core.Data.Backplane;
using Touchpoint.Web.Platform.Backplane;

namespace Touchpoint.Tests.Platform.Backplane;

/// <summary>The bus's own rules, without a database: notices are small ids, a node ignores its own, strangers' payloads are ignored.</summary>
public sealed class NodeBusTests
{
    [Fact]
    public void Notice_Serialized_CarriesIdsOnlyAndFitsNotify()
    {
        var workspace = Guid.NewGuid();
        var conversation = Guid.NewGuid();

        var json = (NodeNotice.Message(workspace, conversation, long.MaxValue) with { Node = NodeIds.New() }).ToJson();
        var back = NodeNotice.Parse(json);

        Assert.StartsWith("{\"kind\":\"message\",\"workspaceId\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("responseId", json, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(json) < 8000);
        Assert.Equal((workspace, conversation, long.MaxValue), (back!.WorkspaceId, back.ConversationId, back.MessageId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"kind\":\"message\"}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"kind\":\"message\",\"workspaceId\":\"x\",\"node\":\"n\"}")]
    public void Parse_SomethingElseOnTheChannel_IsNoNotice(string payload) => Assert.Null(NodeNotice.Parse(payload));

    [Fact]
    public void Receive_OwnAndOthersNotices_OnlyOthersReachSubscribers()
    {
        var bus = new PostgresNodeBus(NullLogger<PostgresNodeBus>.Instance);
        var heard = new List<NodeNotice>();
        using var subscription = bus.Subscribe(NodeChannels.Responses, heard.Add);
        var workspace = Guid.NewGuid();

        bus.Receive(NodeChannels.Responses, (NodeNotice.Response(workspace, 1) with { Node = bus.NodeId }).ToJson());
        bus.Receive(NodeChannels.Responses, (NodeNotice.Response(workspace, 2) with { Node = "othernode001" }).ToJson());
        bus.Receive(NodeChannels.Conversations, (NodeNotice.Conversation(workspace, Guid.NewGuid()) with { Node = "othernode001" }).ToJson());
        bus.Receive(NodeChannels.Responses, "hello from psql");

        Assert.Equal(new[] { 2L }, heard.Select(n => n.ResponseId!.Value));
    }

    [Fact]
    public void Subscription_Disposed_HearsNothingMore()
    {
        var bus = new PostgresNodeBus(NullLogger<PostgresNodeBus>.Instance);
        var heard = 0;
        var subscription = bus.Subscribe(NodeChannels.Conversations, _ => heard++);

        bus.Receive(NodeChannels.Conversations, (NodeNotice.Conversation(Guid.NewGuid(), Guid.NewGuid()) with { Node = "other" }).ToJson());
        subscription.Dispose();
        bus.Receive(NodeChannels.Conversations, (NodeNotice.Conversation(Guid.NewGuid(), Guid.NewGuid()) with { Node = "other" }).ToJson());

        Assert.Equal(1, heard);
    }

    [Fact]
    public void Backoff_Failures_DoubleFromAQuarterSecondUpToThirtySeconds() =>
        Assert.Equal(new[] { 0.25, 0.5, 1, 2, 30, 30 }, new[] { 1, 2, 3, 4, 12, 1000 }.Select(f => Backoff.After(f).TotalSeconds));
}
