using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Touchpoint.Core.Customers.Import;

/// <summary>One data row of a CSV file: its first line number in the file, and its cells (null when it is broken).</summary>
public sealed record CsvRecord(int Line, string[]? Cells, string? Problem);

/// <summary>
/// Reads a CSV file row by row, streaming, with CsvHelper. A row with broken quoting is reported
/// with its line number and reading goes on: when an unclosed quote swallowed the lines after it,
/// those lines are read again on their own, so one stray quote costs one row, not the rest of the file.
/// </summary>
public sealed class CsvRecords : IDisposable
{
    private readonly TextReader _reader;
    private readonly CsvParser _parser;
    private bool _badData;

    public CsvRecords(Stream stream, string? encodingName)
    {
        var encoding = ImportEncodings.Resolve(encodingName);
        if (encoding.WebName == "utf-8")
        {
            ImportEncodings.EnsureUtf8(stream);
        }

        _reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        _parser = new CsvParser(_reader, Configuration(() => _badData = true));
        Header = ReadHeader();
    }

    /// <summary>The column names of the first line, trimmed.</summary>
    public string[] Header { get; }

    /// <summary>The data rows, in file order.</summary>
    public IEnumerable<CsvRecord> Rows() => Read(_parser, lineOffset: 0, () => _badData, () => _badData = false);

    private string[] ReadHeader()
    {
        if (!_parser.Read() || _parser.Record is not { } header || header.All(string.IsNullOrWhiteSpace))
        {
            throw new ImportFileException("file", "The file is empty. Send a CSV file whose first line names the columns.");
        }

        if (_badData)
        {
            throw new ImportFileException("file", "The first line (the header) has broken quoting. Fix the column names and try again.");
        }

        var names = header.Select(h => h.Trim()).ToArray();
        if (names.FirstOrDefault(n => n.Length == 0) is not null)
        {
            throw new ImportFileException("file",
                $"Column {Array.FindIndex(names, n => n.Length == 0) + 1} of the header has no name. Name every column on the first line.");
        }

        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ImportFileException("file", $"The header names the column '{twice.Key}' twice. Give each column its own name.");
        }

        return names;
    }

    private IEnumerable<CsvRecord> Read(CsvParser parser, int lineOffset, Func<bool> bad, Action resetBad)
    {
        while (parser.Read())
        {
            var raw = parser.RawRecord;
            var spans = raw.TrimEnd('\r', '\n').Count('\n');
            var line = lineOffset + parser.RawRow - spans;
            var cells = parser.Record ?? [];
            var broken = bad();
            resetBad();
            if (cells.Length == 1 && cells[0].Length == 0 && !broken)
            {
                continue;
            }

            if (broken && spans > 0)
            {
                // An unclosed quote ran on into the next lines: this line is broken, the ones after it get their own chance.
                yield return new CsvRecord(line, null, BrokenQuoting);
                var rest = raw[(raw.IndexOf('\n', StringComparison.Ordinal) + 1)..];
                foreach (var row in Reparse(rest, line))
                {
                    yield return row;
                }
            }
            else if (broken)
            {
                yield return new CsvRecord(line, null, BrokenQuoting);
            }
            else if (cells.Length != Header.Length)
            {
                yield return spans > 0
                    ? new CsvRecord(line, null, BrokenQuoting)
                    : new CsvRecord(line, null, $"This row has {cells.Length} cells but the header names {Header.Length} columns.");
                if (spans > 0)
                {
                    foreach (var row in Reparse(raw[(raw.IndexOf('\n', StringComparison.Ordinal) + 1)..], line))
                    {
                        yield return row;
                    }
                }
            }
            else
            {
                yield return new CsvRecord(line, cells, null);
            }
        }
    }

    private IEnumerable<CsvRecord> Reparse(string text, int brokenLine)
    {
        var bad = false;
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, Configuration(() => bad = true));
        foreach (var row in Read(parser, brokenLine, () => bad, () => bad = false))
        {
            yield return row;
        }
    }

    private const string BrokenQuoting =
        "Broken quoting: a quote in this row is not closed or not doubled. Put quotes around the whole cell and write a quote inside it as \"\".";

    private static CsvConfiguration Configuration(Action onBadData) => new(CultureInfo.InvariantCulture)
    {
        BadDataFound = _ => onBadData(),
        MissingFieldFound = null,
        DetectColumnCountChanges = false,
        IgnoreBlankLines = true,
        TrimOptions = TrimOptions.None,
    };

    /// <summary>How far into the file the reader is, for progress bars.</summary>
    public long BytesRead => _reader is StreamReader { BaseStream: { CanSeek: true } s } ? s.Position : 0;

    public void Dispose()
    {
        _parser.Dispose();
        _reader.Dispose();
    }
}
