using System.Text;

namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// The text encodings an import accepts. UTF-8 is the default and is checked strictly first, so a
/// Latin-1 file is refused with the line of its first bad byte instead of importing mangled names.
/// </summary>
public static class ImportEncodings
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ImportEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public const string Names = "utf-8, latin1 or windows-1252";

    /// <summary>The encoding for a name given by the user (null or empty means UTF-8).</summary>
    public static Encoding Resolve(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "utf-8" or "utf8" => StrictUtf8,
        "latin1" or "latin-1" or "iso-8859-1" => Encoding.Latin1,
        "windows-1252" or "cp1252" or "windows1252" => Encoding.GetEncoding(1252),
        _ => throw new ImportFileException("encoding", $"Unknown encoding '{name}'. Use {Names}."),
    };

    /// <summary>Reads the whole stream once; throws naming the first line that is not UTF-8. Rewinds the stream.</summary>
    public static void EnsureUtf8(Stream stream)
    {
        var decoder = StrictUtf8.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[StrictUtf8.GetMaxCharCount(bytes.Length)];
        var line = 1;
        int read;
        while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
        {
            try
            {
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                line += chars.AsSpan(0, count).Count('\n');
            }
            catch (DecoderFallbackException bad)
            {
                throw NotUtf8(line + LinesBefore(bytes, bad.Index));
            }
        }

        try
        {
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(line);
        }

        stream.Position = 0;
    }

    // The decoder reports the bad byte's index in the chunk (negative when it began in the previous chunk).
    private static int LinesBefore(byte[] chunk, int index) =>
        index <= 0 ? 0 : chunk.AsSpan(0, Math.Min(index, chunk.Length)).Count((byte)'\n');

    private static ImportFileException NotUtf8(int line) => new("encoding",
        $"The file is not valid UTF-8: line {line} has bytes that are not UTF-8. Save the file as UTF-8, or say which " +
        $"encoding it uses (--encoding latin1 on the command line, encoding=latin1 in the API; {Names}).");
}
