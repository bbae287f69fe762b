using Touchpoint.Core.Conversations.Email;

namespace Touchpoint.Tests.Conversations.Email;

/// <summary>Only the new text of a reply reaches the conversation.</summary>
public sealed class ReplyTextTests
{
    [Theory]
    [InlineData("Thanks!\n\nOn Mon, 3 Nov 2025 at 09:12, Support <s@x.example> wrote:\n> Hello")]
    [InlineData("Thanks!\n\nOn Mon, 3 Nov 2025 at 09:12, Support <s@x.example>\nwrote:\n\n> Hello")]
    [InlineData("Thanks!\n\nAm 05.11.2025 um 16:20 schrieb Support <s@x.example>:\n> Hallo")]
    [InlineData("Thanks!\n\nLe mer. 12 nov. 2025 à 10:00, Support <s@x.example> a écrit :\n> Bonjour")]
    [InlineData("Thanks!\n\nEl jue, 13 nov 2025 a las 10:00, Soporte <s@x.example> escribió:\n> Hola")]
    [InlineData("Thanks!\n\n-----Original Message-----\nFrom: Support\nSent: Tuesday\n\nHello")]
    [InlineData("Thanks!\n\n________________________________\nFrom: Support <s@x.example>\nSent: Tuesday, November 4, 2025 8:02 AM\nTo: me\n\nHello")]
    [InlineData("Thanks!\n\nFrom: Support <s@x.example>\nDate: Tuesday, November 4, 2025\nSubject: Hello\n\nHello")]
    [InlineData("Thanks!\r\n\r\n-- \r\nAna\r\nSent from my phone")]
    [InlineData("Thanks!\n> quoted at the end\n>\n> more")]
    public void Strip_QuotedPartsAndSignatures_KeepsTheNewText(string reply) =>
        Assert.Equal("Thanks!", ReplyText.Strip(reply));

    [Fact]
    public void Strip_InlineAnswersBetweenQuotes_KeepsThem()
    {
        var reply = "> Which size?\nM please\n> Which colour?\nBlue";

        Assert.Equal("> Which size?\nM please\n> Which colour?\nBlue", ReplyText.Strip(reply));
    }

    [Fact]
    public void Strip_OnlyQuotes_KeepsEverything() =>
        Assert.Equal("> all quoted", ReplyText.Strip("> all quoted\n"));

    [Fact]
    public void Strip_FromLineInTheText_IsNotMistakenForAQuote() =>
        Assert.Equal("From: my experience, the zip is weak.\nPlease help.", ReplyText.Strip("From: my experience, the zip is weak.\nPlease help."));
}
