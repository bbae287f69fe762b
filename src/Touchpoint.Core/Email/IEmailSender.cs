namespace Touchpoint.Core.Email;

/// <summary>Delivers one message. The seam that tests and other transports plug into.</summary>
public interface IEmailSender
{
    /// <param name="messageId">A stable id: a retried delivery carries the same Message-ID.</param>
    Task SendAsync(EmailMessage message, string messageId, CancellationToken ct);
}
