using System.Text.Json.Nodes;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Alerts;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Tests.Cases.Alerts;

/// <summary>Each condition kind on hand-made responses, conversations and events: it matches what it says, and nothing else.</summary>
public sealed class AlertMatcherTests
{
    private static readonly Guid Vip = Guid.NewGuid();
    private static readonly Guid Persona = Guid.NewGuid();
    private static readonly Guid Checkout = Guid.NewGuid();
    private static readonly Guid Survey = Guid.NewGuid();

    private static AlertItem Response(SurveyMetric metric, int score, string label = "neutral", double compound = 0, string[]? topics = null,
        string[]? signals = null) => new()
        {
            Trigger = AlertTrigger.Response,
            WorkspaceId = Guid.NewGuid(),
            At = DateTime.UtcNow,
            ResponseId = 1,
            SurveyId = Survey,
            Metric = metric,
            Score = score,
            Channel = Channel.Web,
            TouchPointId = Checkout,
            Texts = [new AlertItem.TextFacts(true, compound, label, topics ?? [], signals ?? [])],
            SnapshotSegments = new HashSet<Guid> { Vip },
            SnapshotPersonaId = Persona,
        };

    private static AlertCondition C(string kind, string? value = null, string? metric = null, decimal? min = null, decimal? max = null) =>
        new() { Kind = kind, Value = value, Metric = metric, Min = min, Max = max };

    [Theory]
    [InlineData("npsDetractor", SurveyMetric.Nps, 6, true)]
    [InlineData("npsDetractor", SurveyMetric.Nps, 7, false)]
    [InlineData("npsDetractor", SurveyMetric.Csat, 2, false)]
    [InlineData("csatLow", SurveyMetric.Csat, 2, true)]
    [InlineData("csatLow", SurveyMetric.Csat, 3, false)]
    [InlineData("cesDifficult", SurveyMetric.Ces, 3, true)]
    [InlineData("cesDifficult", SurveyMetric.Ces, 4, false)]
    public void Presets_MatchTheirBandOnly(string preset, SurveyMetric metric, int score, bool matches) =>
        Assert.Equal(matches, AlertMatcher.Matches([AlertPresets.All[preset]], Response(metric, score)));

    [Fact]
    public void TextConditions_SentimentSignalAndTopicWithItsSubTopics()
    {
        var unhappy = Response(SurveyMetric.Nps, 8, "negative", -0.6, ["Delivery > Late delivery"], ["churn"]);
        var content = Response(SurveyMetric.Nps, 8, "positive", 0.7, ["Delivery"], []);

        Assert.True(AlertMatcher.Matches([new() { Kind = "sentiment", Label = "negative" }], unhappy));
        Assert.False(AlertMatcher.Matches([new() { Kind = "sentiment", Label = "negative" }], content));
        Assert.True(AlertMatcher.Matches([new() { Kind = "sentiment", Below = -0.5m }], unhappy));
        Assert.False(AlertMatcher.Matches([new() { Kind = "sentiment", Below = -0.7m }], unhappy));
        Assert.True(AlertMatcher.Matches([C("signal", "churn")], unhappy));
        Assert.False(AlertMatcher.Matches([C("signal", "churn")], content));
        Assert.True(AlertMatcher.Matches([C("topic", "Delivery")], unhappy));
        Assert.True(AlertMatcher.Matches([C("topic", "delivery > late delivery")], unhappy));
        Assert.False(AlertMatcher.Matches([C("topic", "Delivery > Late delivery")], content));
        Assert.False(AlertMatcher.Matches([C("topic", "Deliv")], unhappy));
    }

    [Fact]
    public void CommonConditions_SegmentPersonaTouchPointChannelSurvey_AndAllMustHold()
    {
        var item = Response(SurveyMetric.Nps, 3);

        Assert.True(AlertMatcher.Matches([C("segment", Vip.ToString())], item));
        Assert.False(AlertMatcher.Matches([new() { Kind = "segment", Value = Vip.ToString(), At = "current" }], item));
        Assert.True(AlertMatcher.Matches([C("persona", Persona.ToString())], item));
        Assert.True(AlertMatcher.Matches([C("touchPoint", Checkout.ToString())], item));
        Assert.False(AlertMatcher.Matches([C("touchPoint", Guid.NewGuid().ToString())], item));
        Assert.True(AlertMatcher.Matches([C("channel", "web")], item));
        Assert.False(AlertMatcher.Matches([C("channel", "store")], item));
        Assert.True(AlertMatcher.Matches([C("survey", Survey.ToString())], item));
        Assert.True(AlertMatcher.Matches([AlertPresets.All["npsDetractor"], C("channel", "web")], item));
        Assert.False(AlertMatcher.Matches([AlertPresets.All["npsDetractor"], C("channel", "app")], item));
        Assert.False(AlertMatcher.Matches([], item));
    }

    [Fact]
    public void ConversationConditions_CsatAtOrBelow_AndAWaitLongerThan()
    {
        AlertItem Conversation(int? csat, double? wait) => new()
        {
            Trigger = AlertTrigger.Conversation,
            WorkspaceId = Guid.NewGuid(),
            At = DateTime.UtcNow,
            ConversationId = Guid.NewGuid(),
            ConversationCsat = csat,
            WaitMinutes = wait,
            CurrentSegments = new HashSet<Guid> { Vip },
        };

        Assert.True(AlertMatcher.Matches([C("csat", max: 2)], Conversation(2, 1)));
        Assert.False(AlertMatcher.Matches([C("csat", max: 2)], Conversation(3, 1)));
        Assert.False(AlertMatcher.Matches([C("csat", max: 2)], Conversation(null, 1)));
        Assert.True(AlertMatcher.Matches([new() { Kind = "wait", Minutes = 30 }], Conversation(null, 31)));
        Assert.False(AlertMatcher.Matches([new() { Kind = "wait", Minutes = 30 }], Conversation(null, 30)));
        // Conversations look at the customer's current segments.
        Assert.True(AlertMatcher.Matches([C("segment", Vip.ToString())], Conversation(1, 1)));
    }

    [Fact]
    public void EventConditions_NameAndPropertyComparisons()
    {
        var refund = new AlertItem
        {
            Trigger = AlertTrigger.Event,
            WorkspaceId = Guid.NewGuid(),
            At = DateTime.UtcNow,
            EventId = 7,
            EventName = "Order Refunded",
            Properties = JsonNode.Parse("""{"amount":150,"reason":"Damaged in transit","order":{"total":"99.5"}}""")!.AsObject(),
        };

        AlertCondition Property(string path, string op, string value) => new() { Kind = "property", Path = path, Op = op, Value = value };

        Assert.True(AlertMatcher.Matches([C("event", "order refunded")], refund));
        Assert.False(AlertMatcher.Matches([C("event", "Order Placed")], refund));
        Assert.True(AlertMatcher.Matches([Property("properties.amount", ">", "100")], refund));
        Assert.False(AlertMatcher.Matches([Property("amount", ">", "150")], refund));
        Assert.True(AlertMatcher.Matches([Property("amount", ">=", "150")], refund));
        Assert.True(AlertMatcher.Matches([Property("order.total", "<", "100")], refund));
        Assert.True(AlertMatcher.Matches([Property("reason", "contains", "damaged")], refund));
        Assert.True(AlertMatcher.Matches([Property("reason", "!=", "Lost")], refund));
        Assert.False(AlertMatcher.Matches([Property("missing", ">", "1")], refund));
        Assert.True(AlertMatcher.Matches([Property("missing", "!=", "1")], refund));
    }

    [Fact]
    public void Validate_NamesTheFieldOfTheWrongCondition()
    {
        var errors = AlertConditions.Validate(
            [C("channel", "web"), C("score", metric: "ces", min: 0, max: 3), new() { Kind = "sentiment", Label = "furious" }], AlertTrigger.Response);

        Assert.Equal(["conditions[1].min", "conditions[2].label"], errors.Keys.Order());
        Assert.Empty(AlertConditions.Validate([.. AlertPresets.All.Values.Take(1)], AlertTrigger.Response));
        Assert.Contains("conditions[0].kind", AlertConditions.Validate([C("csat", max: 2)], AlertTrigger.Response).Keys);
    }

    [Fact]
    public void Title_NamesTheBandScoreAndCustomer()
    {
        var rule = new AlertRule { Name = "Detractor follow-up" };

        Assert.Equal("Detractor: NPS 3 from Ana Silva", AlertFirer.Title(rule, Response(SurveyMetric.Nps, 3) with { CustomerName = "Ana Silva" }));
        Assert.Equal("Detractor follow-up: NPS 9 from an anonymous customer", AlertFirer.Title(rule, Response(SurveyMetric.Nps, 9)));
    }
}
