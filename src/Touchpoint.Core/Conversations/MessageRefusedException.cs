namespace Touchpoint.Core.Conversations;

/// <summary>
/// A chat message that cannot be added: its conversation is not in the caller's workspace, or it was
/// merged into another one (the chat continues there). Nothing of the message is stored.
/// </summary>
public sealed class MessageRefusedException(MessageRefusedException.Reason why, string message) : InvalidOperationException(message)
{
    public enum Reason
    {
        NotFound,
        Merged,
    }

    public Reason Why { get; } = why;
}
