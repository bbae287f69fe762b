using System.Text.Json.Nodes;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// What the rules look at in one new piece of data: a completed response, a conversation or a tracked
/// event, with the customer's current segments and persona, read once for a whole batch.
/// </summary>
public sealed record AlertItem
{
    public required AlertTrigger Trigger { get; init; }
    public required Guid WorkspaceId { get; init; }
    /// <summary>When it happened (completion, resolution, receipt): a rule fires only on items after it was last saved.</summary>
    public required DateTime At { get; init; }
    public Guid? CustomerId { get; init; }
    public string? CustomerName { get; init; }
    public Guid? TouchPointId { get; init; }
    public Channel? Channel { get; init; }
    public IReadOnlySet<Guid> CurrentSegments { get; init; } = new HashSet<Guid>();
    public Guid? CurrentPersonaId { get; init; }

    // A response.
    public long? ResponseId { get; init; }
    public Guid? SurveyId { get; init; }
    public SurveyMetric? Metric { get; init; }
    public int? Score { get; init; }
    public string? Comment { get; init; }
    /// <summary>The response's Agent field: the name or email of the person who served the customer.</summary>
    public string? Agent { get; init; }
    public IReadOnlyList<TextFacts> Texts { get; init; } = [];
    /// <summary>The response's snapshot: the segments and persona when the customer answered.</summary>
    public IReadOnlySet<Guid> SnapshotSegments { get; init; } = new HashSet<Guid>();
    public Guid? SnapshotPersonaId { get; init; }

    // A conversation (a response may point at one too: the handling agent is its assignee).
    public Guid? ConversationId { get; init; }
    public Guid? ConversationAssigneeId { get; init; }
    public int? ConversationCsat { get; init; }
    /// <summary>Minutes the customer waited for the first reply (so far, while nobody has replied).</summary>
    public double? WaitMinutes { get; init; }

    // A tracked event.
    public long? EventId { get; init; }
    public string? EventName { get; init; }
    public JsonObject? Properties { get; init; }

    /// <summary>The item's identity in <see cref="AlertFiring.ItemKey"/>.</summary>
    public string Key => Trigger switch
    {
        AlertTrigger.Response => $"response:{ResponseId}",
        AlertTrigger.Conversation => $"conversation:{ConversationId}",
        _ => $"event:{EventId}",
    };

    /// <summary>One analysed free-text answer: its sentiment and labels (topics, signals, intents, emotions).</summary>
    public sealed record TextFacts(bool Scored, double Sentiment, string SentimentLabel, IReadOnlyList<string> Topics,
        IReadOnlyList<string> Signals);
}
