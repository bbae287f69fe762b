namespace Touchpoint.Core.Platform;

/// <summary>The event types a webhook can subscribe to.</summary>
public static class WebhookEvents
{
    public const string ResponseCompleted = "response.completed";

    public static readonly IReadOnlyList<string> All = [ResponseCompleted];

    public static bool IsKnown(string name) => All.Contains(name);

    /// <summary>The subscribed events of a webhook row.</summary>
    public static IEnumerable<string> Of(Webhook webhook) => Parse(webhook.Events);

    /// <summary>The events of a webhook's comma-separated <see cref="Webhook.Events"/>.</summary>
    public static IEnumerable<string> Parse(string events) =>
        events.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
