using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.Extensions.Options;

namespace Touchpoint.Core.Email;

/// <summary>Sends through an SMTP server with System.Net.Mail, or to a pickup folder when none is set.</summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, string messageId, CancellationToken ct)
    {
        var settings = options.Value;
        using var mail = new MailMessage(new MailAddress(settings.From.Trim()), new MailAddress(message.To))
        {
            Subject = message.Subject,
            Body = message.TextBody,
            IsBodyHtml = false,
        };
        mail.Headers.Add("Message-ID", $"<{messageId}@touchpoint>");
        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
        {
            Apply(mail, name, value);
        }
        if (message.HtmlBody is not null)
        {
            mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, null, MediaTypeNames.Text.Html));
        }

        foreach (var file in message.Attachments ?? [])
        {
            // The stream belongs to the attachment, which the message disposes.
            mail.Attachments.Add(new Attachment(new MemoryStream(file.Content, writable: false), file.FileName, file.ContentType));
        }

        using var client = CreateClient(settings);
        await client.SendMailAsync(mail, ct);
    }

    /// <summary>From and Reply-To are addresses System.Net.Mail encodes itself; other headers are written as given.</summary>
    private static void Apply(MailMessage mail, string name, string value)
    {
        switch (name.ToLowerInvariant())
        {
            case "from":
                mail.From = new MailAddress(value);
                break;
            case "reply-to":
                mail.ReplyToList.Add(new MailAddress(value));
                break;
            default:
                mail.Headers.Set(name, value);
                break;
        }
    }

    private static SmtpClient CreateClient(SmtpOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            var folder = Path.GetFullPath(settings.PickupDirectory);
            Directory.CreateDirectory(folder);
            return new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = folder,
            };
        }

        var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            Timeout = settings.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        return client;
    }
}
