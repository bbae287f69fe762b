namespace Touchpoint.Core.Data.Backplane;

/// <summary>
/// The channels nodes tell each other on (PostgreSQL channel names: lower case, no quoting needed).
/// A fixed list, so the listener can LISTEN to all of them once per connection.
/// </summary>
public static class NodeChannels
{
    /// <summary>Conversation messages and conversation changes, for the conversation hub's clients.</summary>
    public const string Conversations = "touchpoint_conversations";

    /// <summary>Completed responses, for the live responses page.</summary>
    public const string Responses = "touchpoint_responses";

    /// <summary>In-app notifications (the bell), for the person's pages open on any node.</summary>
    public const string Notifications = "touchpoint_notifications";

    public static readonly IReadOnlyList<string> All = [Conversations, Responses, Notifications];
}
