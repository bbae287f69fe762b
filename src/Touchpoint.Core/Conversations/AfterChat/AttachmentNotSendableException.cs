namespace Touchpoint.Core.Conversations.AfterChat;

/// <summary>
/// A message named an attachment that is not an unsent upload of its conversation (another
/// conversation's, already sent, or unknown); nothing of the message is stored.
/// </summary>
public sealed class AttachmentNotSendableException()
    : InvalidOperationException("Each attachment must be an upload of this conversation that has not been sent yet.");
