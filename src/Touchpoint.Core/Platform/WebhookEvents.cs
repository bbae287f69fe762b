namespace Touchpoint.Core.Platform;

/// <summary>The event types a webhook can subscribe to.</summary>
public static class WebhookEvents
{
    public const string ResponseCompleted = "response.completed";

    public static readonly IReadOnlyList<string> All = [ResponseCompleted];

    public static bool IsKnown(string name) => All.Contains(name);

    /// <summary>The subscribed events of a webhook row.</summary>
    public static IEnumerable<string> Of(Webhook webhook) =>
        webhook.Events.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
