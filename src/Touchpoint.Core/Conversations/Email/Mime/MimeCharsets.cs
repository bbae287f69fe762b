using System.Text;

namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>
/// Turns a charset label into an encoding without ever throwing: mail in the wild names charsets
/// wrongly or not at all, and a message must still be read (unknown labels fall back to UTF-8 with
/// replacement characters).
/// </summary>
public static class MimeCharsets
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static MimeCharsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Find(string? label)
    {
        var name = label?.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case null or "":
                return Encoding.UTF8;
            case "utf8":
                return Encoding.UTF8;
            case "latin1" or "latin-1" or "iso8859-1" or "iso_8859-1":
                return Encoding.Latin1;
            case "cp1252":
                name = "windows-1252";
                break;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    /// <summary>Decodes bytes in the named charset; without a name, UTF-8 if the bytes are valid UTF-8, else windows-1252.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? label)
    {
        if (!string.IsNullOrWhiteSpace(label) && !label.Trim().Equals("unknown-8bit", StringComparison.OrdinalIgnoreCase))
        {
            return Find(label).GetString(bytes);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Find("windows-1252").GetString(bytes);
        }
    }
}
