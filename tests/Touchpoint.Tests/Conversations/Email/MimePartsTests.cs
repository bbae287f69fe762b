using System.Text;
using Touchpoint.Core.Conversations.Email.Mime;

namespace Touchpoint.Tests.Conversations.Email;

/// <summary>The pieces of the MIME parser, one feature at a time.</summary>
public sealed class MimePartsTests
{
    [Theory]
    [InlineData("=?utf-8?B?w4lsb2Rp?= =?utf-8?B?ZSBEdXBvbnQ=?=", "Élodie Dupont")]
    [InlineData("=?ISO-8859-1?Q?R=FCcksendung?= der =?iso-8859-1?q?Gr=F6=DFe?=", "Rücksendung der Größe")]
    [InlineData("Re: =?utf-8?Q?caf=C3=A9_au_lait?=", "Re: café au lait")]
    [InlineData("=?utf-8?B?8J+Y?= =?utf-8?B?gA==?=", "😀")]
    [InlineData("=?windows-1252?Q?=80_5?=", "€ 5")]
    [InlineData("plain =?broken", "plain =?broken")]
    public void EncodedWords_Decode_JoinsAdjacentWordsAndCharsets(string raw, string expected) =>
        Assert.Equal(expected, EncodedWords.Decode(raw));

    [Fact]
    public void QuotedPrintable_SoftBreaksAndHex_AreDecoded()
    {
        var bytes = TransferEncodings.QuotedPrintable("caf=C3=A9 is=\r\n open=20\nbad =ZZ end=");
        Assert.Equal("café is open \nbad =ZZ end", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("aGVsbG8gd29ybGQ=", "hello world")]
    [InlineData("aGVsbG8g\r\nd29y bGQ", "hello world")]
    [InlineData("aGVsbG8gd29ybA", "hello worl")]
    [InlineData("!!!", "")]
    public void Base64_LineBreaksAndMissingPadding_AreTolerated(string raw, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(TransferEncodings.Base64(raw)));

    [Theory]
    [InlineData("utf-8", new byte[] { 0xC3, 0xA9 }, "é")]
    [InlineData("iso-8859-1", new byte[] { 0xE9 }, "é")]
    [InlineData("windows-1252", new byte[] { 0x80, 0x92 }, "€’")]
    [InlineData("us-ascii", new byte[] { 0x41 }, "A")]
    [InlineData("x-made-up", new byte[] { 0xC3, 0xA9 }, "é")]
    [InlineData(null, new byte[] { 0xE8, 0x80 }, "è€")]
    public void Charsets_KnownUnknownAndMissing_DecodeWithoutThrowing(string? charset, byte[] bytes, string expected) =>
        Assert.Equal(expected, MimeCharsets.Decode(bytes, charset));

    [Fact]
    public void Headers_FoldedAndMixedCase_AreUnfoldedAndFoundByAnyCase()
    {
        var headers = MimeHeaders.Parse("SUBJECT: one\r\n two\r\n\tthree\r\nx-empty:\r\nTo: a@b.example\r\nto: c@d.example");

        Assert.Equal("one two\tthree", headers["subject"]);
        Assert.Equal("", headers["X-Empty"]);
        Assert.Equal(["a@b.example", "c@d.example"], headers.All("To"));
    }

    [Fact]
    public void Parameters_Rfc2231ContinuationsAndQuotes_AreJoinedAndDecoded()
    {
        var disposition = HeaderParameters.Parse("attachment; filename*0*=utf-8''Rechnung%20M%C3%A4rz; filename*1*=%202025.pdf; size=\"12;3\"");

        Assert.Equal("attachment", disposition.Value);
        Assert.Equal("Rechnung März 2025.pdf", disposition["FILENAME"]);
        Assert.Equal("12;3", disposition["size"]);
        Assert.Equal("€ rates.pdf", HeaderParameters.Parse("attachment; filename*=utf-8'en'%E2%82%AC%20rates.pdf")["filename"]);
        Assert.Equal("a\"b.txt", HeaderParameters.Parse("text/plain; name=\"a\\\"b.txt\"")["name"]);
    }

    [Fact]
    public void Addresses_NamesQuotesGroupsAndComments_AreRead()
    {
        var list = MailboxAddress.ParseList(
            "\"Doe, Jane\" <jane@x.example>, Team: a@x.example, b@x.example;, undisclosed-recipients:;, c@x.example (Carl), =?utf-8?Q?Zo=C3=AB?= <zoe@x.example>, not an address");

        Assert.Equal(
            [("Doe, Jane", "jane@x.example"), (null, "a@x.example"), (null, "b@x.example"), ("Carl", "c@x.example"), ("Zoë", "zoe@x.example")],
            list.Select(a => (a.Name, a.Address)).ToArray());
    }

    [Theory]
    [InlineData("Tue, 1 Jul 2025 10:52:37 +0200", "2025-07-01T10:52:37+02:00")]
    [InlineData("1 Jul 2025 10:52 -0500 (EST)", "2025-07-01T10:52:00-05:00")]
    [InlineData("Sun,  9 Nov 25 21:05:00 GMT", "2025-11-09T21:05:00+00:00")]
    [InlineData("Wed, 12 November 2025 08:00:00 PDT", "2025-11-12T08:00:00-07:00")]
    [InlineData("2025-11-12T08:00:00Z", "2025-11-12T08:00:00+00:00")]
    public void Dates_Rfc5322AndCommonJunk_AreRead(string raw, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), MimeDate.Parse(raw));

    [Theory]
    [InlineData("not a date")]
    [InlineData("31 Feb 2025 10:00 +0000")]
    [InlineData("")]
    public void Dates_Unreadable_AreNull(string raw) => Assert.Null(MimeDate.Parse(raw));

    [Fact]
    public void MessageIds_BracketsAndJunk_AreCleaned()
    {
        Assert.Equal(["a@x", "b@y"], MimeMessage.MessageIds("<a@x>\r\n <b@y> (comment)"));
        Assert.Equal(["bare@z"], MimeMessage.MessageIds("bare@z"));
        Assert.Empty(MimeMessage.MessageIds("   "));
    }

    [Fact]
    public void Html_TagsEntitiesLinksAndBreaks_BecomePlainText()
    {
        var text = HtmlText.ToPlain("<html><head><style>p{}</style></head><body><p>Hello&nbsp;&amp; <b>welcome</b></p>"
            + "<p>See <a href=\"https://x.example/a?b=1&amp;c=2\">our page</a> or <a href=\"https://y.example\">https://y.example</a><br>Bye"
            + "<script>alert('x')</script></p><ul><li>one</li><li>two</li></ul></body></html>");

        Assert.Equal("Hello & welcome\n\nSee our page (https://x.example/a?b=1&c=2) or https://y.example\nBye\n\n- one\n- two", text);
    }

    [Fact]
    public void Multipart_NestedAlternativeInMixed_PrefersPlainTextAndKeepsFiles()
    {
        var raw = """
            From: a@x.example
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain

            plain version
            --inner
            Content-Type: text/html

            <p>html version</p>
            --inner--
            --outer
            Content-Type: text/plain; name=notes.txt
            Content-Disposition: attachment

            file text
            --outer--
            """;

        var message = MimeMessage.Parse(Encoding.UTF8.GetBytes(raw));

        Assert.Equal("plain version", message.Text);
        var file = Assert.Single(message.Attachments);
        Assert.Equal(("notes.txt", "text/plain", "file text"), (file.FileName, file.ContentType, Encoding.UTF8.GetString(file.Content)));
    }

    [Fact]
    public void Multipart_AlternativeWithEmptyPlainText_UsesTheHtml()
    {
        var raw = "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n\n--b\nContent-Type: text/html\n\n<p>Only <i>here</i></p>\n--b--\n";

        Assert.Equal("Only here", MimeMessage.Parse(Encoding.UTF8.GetBytes(raw)).Text);
    }

    [Fact]
    public void Parse_GarbageAndTruncatedMessages_NeverThrow()
    {
        byte[][] inputs =
        [
            [],
            Encoding.UTF8.GetBytes("no headers at all"),
            Encoding.UTF8.GetBytes("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\ncut off here"),
            Encoding.UTF8.GetBytes("Content-Type: multipart/mixed\n\nno boundary"),
            Encoding.UTF8.GetBytes("Content-Type: ;;;\nContent-Transfer-Encoding: base64\n\n@@@"),
            Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Content-Type: multipart/mixed; boundary=a\n\n--a\n", 100))),
        ];

        foreach (var input in inputs)
        {
            var message = MimeMessage.Parse(input);
            Assert.NotNull(message.Text);
        }

        Assert.Equal("cut off here", MimeMessage.Parse(inputs[2]).Text);
    }
}
