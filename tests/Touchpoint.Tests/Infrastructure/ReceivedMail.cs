using System.Text.RegularExpressions;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>One message as the SMTP server received it: decoded headers and bodies.</summary>
public sealed partial record ReceivedMail(IReadOnlyDictionary<string, string> Headers, string? TextBody, string? HtmlBody)
{
    /// <summary>The message as the server stored it, for tests that need more than the bodies (files).</summary>
    public string Raw { get; init; } = "";

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    public string To => Header("To");
    public string Subject => Header("Subject");
    /// <summary>Who the server delivered it to (the SMTP envelope), as aiosmtpd records it.</summary>
    public string EnvelopeRecipient => Header("X-RcptTo");

    /// <summary>The links in the text body, in order.</summary>
    public IReadOnlyList<Uri> Links => TextBody is null
        ? []
        : UrlPattern().Matches(TextBody).Select(m => new Uri(m.Value.TrimEnd('.', ',', ')'))).ToList();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex UrlPattern();
}
