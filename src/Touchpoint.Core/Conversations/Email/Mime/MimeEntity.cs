namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>
/// One part of a message: its headers, and either its body (Latin-1 text, one char per byte, still
/// transfer-encoded) or, for multipart types, its child parts.
/// </summary>
public sealed class MimeEntity
{
    /// <summary>Deeper nesting than this is read as an opaque part, so a hostile message cannot exhaust the stack.</summary>
    public const int MaxDepth = 32;

    private MimeEntity(MimeHeaders headers, string body, IReadOnlyList<MimeEntity> parts)
    {
        Headers = headers;
        RawBody = body;
        Parts = parts;
        ContentType = HeaderParameters.Parse(headers["Content-Type"] is { Length: > 0 } type ? type : "text/plain");
        if (!ContentType.Value.Contains('/', StringComparison.Ordinal))
        {
            ContentType = HeaderParameters.Parse("text/plain");
        }

        Disposition = HeaderParameters.Parse(headers["Content-Disposition"]);
    }

    public MimeHeaders Headers { get; }
    public HeaderParameters ContentType { get; }
    public HeaderParameters Disposition { get; }
    public string RawBody { get; }
    public IReadOnlyList<MimeEntity> Parts { get; }

    public bool IsMultipart => Parts.Count > 0;

    /// <summary>The file name from Content-Disposition (filename, filename*) or Content-Type (name), path parts removed.</summary>
    public string? FileName
    {
        get
        {
            var name = Disposition["filename"] ?? ContentType["name"];
            if (string.IsNullOrWhiteSpace(name))
            {
                return null;
            }

            name = EncodedWords.Decode(name);
            name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
            name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
            return name.Length == 0 ? null : name.Length > 200 ? name[^200..] : name;
        }
    }

    public byte[] DecodedBytes() => TransferEncodings.Decode(RawBody, Headers["Content-Transfer-Encoding"]);

    /// <summary>The body as text in its declared charset (or UTF-8, falling back to windows-1252 when not valid UTF-8).</summary>
    public string DecodedText() => MimeCharsets.Decode(DecodedBytes(), ContentType["charset"]).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <param name="latin1">The entity as Latin-1 text, so every byte survives until its charset is known.</param>
    public static MimeEntity Parse(string latin1, int depth = 0)
    {
        var (head, body) = SplitHead(latin1);
        var headers = MimeHeaders.Parse(head);
        var type = HeaderParameters.Parse(headers["Content-Type"]);
        if (depth < MaxDepth && type.Value.StartsWith("multipart/", StringComparison.Ordinal) && type["boundary"] is { Length: > 0 } boundary)
        {
            var parts = SplitParts(body, boundary).Select(p => Parse(p, depth + 1)).ToList();
            return new MimeEntity(headers, parts.Count == 0 ? body : "", parts);
        }

        return new MimeEntity(headers, body, []);
    }

    private static (string Head, string Body) SplitHead(string entity)
    {
        // A part may start with its body directly (no headers): a leading blank line.
        if (entity.StartsWith('\n') || entity.StartsWith("\r\n", StringComparison.Ordinal))
        {
            return ("", entity[(entity.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        }

        var lf = entity.IndexOf("\n\n", StringComparison.Ordinal);
        var crlf = entity.IndexOf("\n\r\n", StringComparison.Ordinal);
        if (lf < 0 && crlf < 0)
        {
            return (entity, "");
        }

        return crlf >= 0 && (lf < 0 || crlf < lf) ? (entity[..crlf], entity[(crlf + 3)..]) : (entity[..lf], entity[(lf + 2)..]);
    }

    /// <summary>The parts between "--boundary" lines, up to "--boundary--"; the preamble and epilogue are dropped.</summary>
    private static List<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        var lines = body.Split('\n');
        System.Text.StringBuilder? current = null;
        foreach (var rawLine in lines)
        {
            var line = rawLine.TrimEnd('\r');
            if (line.StartsWith(delimiter, StringComparison.Ordinal))
            {
                var rest = line[delimiter.Length..].TrimEnd();
                if (rest.Length == 0 || rest == "--")
                {
                    if (current is not null)
                    {
                        parts.Add(TrimLastLineBreak(current.ToString()));
                    }

                    current = rest == "--" ? null : new System.Text.StringBuilder();
                    if (rest == "--")
                    {
                        break;
                    }

                    continue;
                }
            }

            current?.Append(rawLine).Append('\n');
        }

        // A message cut off before its closing boundary keeps the part it was in.
        if (current is not null)
        {
            parts.Add(TrimLastLineBreak(current.ToString()));
        }

        return parts;
    }

    /// <summary>The line break before a boundary belongs to the boundary.</summary>
    private static string TrimLastLineBreak(string part) =>
        part.EndsWith("\r\n", StringComparison.Ordinal) ? part[..^2] : part.EndsWith('\n') ? part[..^1] : part;
}
