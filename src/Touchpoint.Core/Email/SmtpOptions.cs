namespace Touchpoint.Core.Email;

/// <summary>
/// Bound from <c>Touchpoint:Smtp</c>. Without a <see cref="Host"/>, mail is written as .eml files to
/// <see cref="PickupDirectory"/> so a laptop install can read its invitations without a mail server.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Touchpoint:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Touchpoint <no-reply@touchpoint.local>";
    public string PickupDirectory { get; set; } = "data/mail";
    public int TimeoutSeconds { get; set; } = 30;
}
