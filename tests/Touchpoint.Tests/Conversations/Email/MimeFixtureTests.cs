using System.Text;
using Touchpoint.Core.Conversations.Email;
using Touchpoint.Core.Conversations.Email.Mime;

namespace Touchpoint.Tests.Conversations.Email;

/// <summary>One test per fixture: what the email channel reads from mail as real clients send it.</summary>
public sealed class MimeFixtureTests
{
    [Fact]
    public void GmailReply_AlternativeWithQuote_KeepsOnlyTheNewPlainText()
    {
        var message = Fixtures.Parse("gmail-reply.eml");

        Assert.Equal("Re: Order #1042 arrived damaged", message.Subject);
        Assert.Equal(new MailboxAddress("Ana Souza", "ana.souza@gmail.com"), message.From);
        Assert.Equal("CAJx8Qe+5vPq=Kf3aTm@mail.gmail.com", message.MessageId);
        Assert.Equal("tp.41.a1b2@help.northwind.example", message.InReplyTo);
        Assert.Contains(message.DeliveredTo, a => a.Address == "support+k7q2m9x4r8@help.northwind.example");
        Assert.Equal("Hi, the box was crushed and the mug inside is broken.\nCan you send a replacement? Thanks 😀", ReplyText.Strip(message.Text));
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public void OutlookReply_Windows1252QuotedPrintable_DecodesAndCutsTheOriginalMessage()
    {
        var message = Fixtures.Parse("outlook-reply.eml");

        Assert.Equal("RE: Your refund", message.Subject);
        Assert.Equal(new MailboxAddress("O'Brien, Liam", "liam.obrien@contoso.example"), message.From);
        Assert.Equal(new DateTimeOffset(2025, 11, 4, 9, 14, 51, TimeSpan.Zero), message.Date);
        Assert.Equal("I’m still waiting for the refund of € 49.90 for order 2211.\nPlease check again.\n\nLiam", ReplyText.Strip(message.Text));
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public void AppleMail_RelatedInlineImage_IsAnInlineAttachmentAndTheTextIsPlain()
    {
        var message = Fixtures.Parse("apple-inline-image.eml");

        Assert.Equal("The zip on my jacket", message.Subject);
        Assert.Equal(new MailboxAddress("Zoë Martin", "zoe@icloud.example"), message.From);
        Assert.Equal("The zip broke after two days, see the photo.", message.Text);
        var image = Assert.Single(message.Attachments);
        Assert.Equal(("zip.png", "image/png", "F3A1@apple", true), (image.FileName, image.ContentType, image.ContentId, image.Inline));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Content[..4]);
    }

    [Fact]
    public void GermanReply_Latin1AndEncodedWordSubject_ReadsUmlautsAndCutsSchrieb()
    {
        var message = Fixtures.Parse("german-latin1.eml");

        Assert.Equal("Re: Rücksendung der Größe M gegen L", message.Subject);
        Assert.Equal(new MailboxAddress("Jürgen Weiß", "juergen.weiss@web.example"), message.From);
        Assert.Equal(new DateTimeOffset(2025, 11, 6, 7, 30, 0, TimeSpan.FromHours(1)), message.Date);
        Assert.Equal("Guten Morgen,\n\ndie Jacke ist zu groß. Können Sie mir bitte Größe L schicken?\n\nViele Grüße\nJürgen",
            ReplyText.Strip(message.Text));
    }

    [Fact]
    public void PdfAttachment_Rfc2231ContinuedFilename_IsDecoded()
    {
        var message = Fixtures.Parse("pdf-rfc2231.eml");

        Assert.Equal("Invoice question", message.Subject);
        Assert.Equal("marta@ruiz.example", message.From?.Address);
        Assert.Equal("The invoice attached charges me twice for shipping.", message.Text);
        var pdf = Assert.Single(message.Attachments);
        Assert.Equal(("Rechnung März 2025.pdf", "application/pdf", false), (pdf.FileName, pdf.ContentType, pdf.Inline));
        Assert.StartsWith("%PDF-1.4", Encoding.ASCII.GetString(pdf.Content));
    }

    [Fact]
    public void ForwardedMessage_Rfc822Part_IsKeptAsAnAttachment()
    {
        var message = Fixtures.Parse("forwarded-rfc822.eml");

        Assert.Equal("Fwd: Your order has shipped", message.Subject);
        Assert.Equal("This says shipped but the tracking link does not work.", message.Text);
        var forwarded = Assert.Single(message.Attachments);
        Assert.Equal(("Your order has shipped.eml", "message/rfc822"), (forwarded.FileName, forwarded.ContentType));
        Assert.Contains("Your order 9931 is on its way.", Encoding.UTF8.GetString(forwarded.Content));
    }

    [Fact]
    public void HtmlOnlyNewsletter_BecomesPlainTextWithLinkTargetsAndNoScript()
    {
        var message = Fixtures.Parse("html-newsletter.eml");

        Assert.Equal("Question about “Black Week”", message.Subject);
        Assert.Equal(new MailboxAddress("Deals & News", "news@shop.example"), message.From);
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 9, 0, 0, TimeSpan.Zero), message.Date);
        Assert.Equal("Is the offer still on?\n\nI saw \"30 % off\" on this page (https://shop.example/deal?id=7&r=1) & want to know.\n\nThanks,\nKim",
            message.Text);
    }

    [Fact]
    public void FoldedHeaders_AddressGroupsReferencesAndIds_AreUnfolded()
    {
        var message = Fixtures.Parse("folded-headers.eml");

        Assert.Equal("A subject that is long enough to be folded over\tthree lines", message.Subject);
        Assert.Equal(new MailboxAddress("Tom Baker", "tom.baker@example.org"), message.From);
        Assert.Equal(["support@northwind.example", "jane.doe@northwind.example"], message.To.Select(a => a.Address));
        Assert.Equal(new MailboxAddress("Ops Desk", "ops@northwind.example"), Assert.Single(message.Cc));
        Assert.Equal(["a1@example.org", "a2@example.org", "a3@example.org"], message.References);
        Assert.Equal("a3@example.org", message.InReplyTo);
        Assert.Equal("folded-1@example.org", message.MessageId);
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 21, 5, 0, TimeSpan.Zero), message.Date);
        Assert.Equal("Folded headers should still be read.", message.Text);
    }

    [Fact]
    public void UnknownCharset_IsReadAsUtf8()
    {
        var message = Fixtures.Parse("broken-charset.eml");

        Assert.Equal("Broken charset", message.Subject);
        Assert.Equal("Café is closed, naïve question.", message.Text);
    }

    [Fact]
    public void MissingCharset_InvalidUtf8_IsReadAsWindows1252()
    {
        var message = Fixtures.Parse("missing-charset.eml");

        Assert.Equal(new MailboxAddress("Old Client", "old@example.net"), message.From);
        Assert.Equal("The crème costs € 5 – too much.", message.Text);
    }

    [Fact]
    public void MissingMessageId_IsNullAndTheRestIsRead()
    {
        var message = Fixtures.Parse("missing-message-id.eml");

        Assert.Null(message.MessageId);
        Assert.Equal("No id here", message.Subject);
        Assert.Equal("A message without a Message-ID header.", message.Text);
    }

    [Fact]
    public void VeryLongLine_IsKeptWhole()
    {
        var message = Fixtures.Parse("long-lines.eml");

        Assert.Equal("Long line", message.Subject);
        Assert.Equal(("All work and no play makes Jack a dull boy. " + string.Concat(Enumerable.Repeat("All work and no play makes Jack a dull boy. ", 119))).Trim(),
            message.Text);
    }

    [Fact]
    public void EmptyBodyAndSubject_AreEmptyStrings()
    {
        var message = Fixtures.Parse("empty-body.eml");

        Assert.Equal("", message.Subject);
        Assert.Equal("", message.Text);
        Assert.Equal("empty@example.net", message.From?.Address);
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public void AutoReply_IsRecognised()
    {
        var message = Fixtures.Parse("auto-reply.eml");

        Assert.True(message.IsAutoReply);
        Assert.False(Fixtures.Parse("gmail-reply.eml").IsAutoReply);
        Assert.Equal("I am out of the office until Monday.", message.Text);
    }

    [Fact]
    public void FrenchReply_Base64WithoutPadding_DecodesAndCutsAEcrit()
    {
        var message = Fixtures.Parse("french-base64.eml");

        Assert.Equal("Re: Votre colis", message.Subject);
        Assert.Equal(new MailboxAddress("Élodie Dupont", "elodie@exemple.example"), message.From);
        Assert.Equal("Bonjour,\n\nLe colis n'est jamais arrivé. Pouvez-vous vérifier ?", ReplyText.Strip(message.Text));
    }

    [Fact]
    public void SpanishReply_SignatureAndEscribio_AreCut()
    {
        var message = Fixtures.Parse("spanish-signature.eml");

        Assert.Equal("Re: Cambio de talla", message.Subject);
        Assert.Equal("Prefiero la talla M, gracias.", ReplyText.Strip(message.Text));
    }
}
