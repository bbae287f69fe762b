namespace Touchpoint.Core.Analytics;

/// <summary>
/// What a metric can be broken down by. Segment and persona come from the response's snapshot (who the
/// customer was when they answered); stage from the response's stage or its touch point's; team from the
/// conversation the response followed; topic and sentiment from the text analysis of its comment.
/// </summary>
public enum Dimension
{
    Survey,
    Segment,
    Persona,
    TouchPoint,
    Channel,
    Stage,
    Agent,
    Team,
    Topic,
    Sentiment,
    Language,
}
