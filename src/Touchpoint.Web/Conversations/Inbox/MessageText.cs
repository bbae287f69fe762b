using Touchpoint.Core.Conversations;

namespace Touchpoint.Web.Conversations;

/// <summary>Checks what an agent or the API writes: present, and within the message limit.</summary>
internal static class MessageText
{
    public static void Check(string? body, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            errors[field] = ["Write something: the message is empty."];
        }
        else if (body.Length > ConversationLimits.MaxMessageLength)
        {
            errors[field] = [$"A message has at most {ConversationLimits.MaxMessageLength:N0} characters; this one has {body.Length:N0}. Split it up."];
        }
    }
}
