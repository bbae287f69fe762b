namespace Touchpoint.Core.Email;

/// <summary>An email ready to send. Text is always present; HTML is optional.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);
