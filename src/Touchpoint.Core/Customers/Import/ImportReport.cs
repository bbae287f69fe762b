using System.Text.Json.Serialization;

namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// What an import did (or, in a dry run, would do): counts per outcome and the first problems, each
/// naming its line and column. Rows with a problem are skipped; every other row is written.
/// </summary>
public sealed class ImportReport(string kind, bool dryRun)
{
    public const int MaxErrorsListed = 100;

    public string Kind { get; } = kind;
    public bool DryRun { get; } = dryRun;
    /// <summary>Data rows in the file (the header and blank lines not counted).</summary>
    public int RowsRead { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    /// <summary>Rows that change nothing: an identical profile, or an event already stored.</summary>
    public int Unchanged { get; set; }
    public int Failed { get; set; }
    /// <summary>Events import only: customers created because an event named one not seen before.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CustomersCreated { get; set; }
    public List<ImportError> Errors { get; } = [];
    /// <summary>Problems beyond the first <see cref="MaxErrorsListed"/>, counted but not listed.</summary>
    public int ErrorsNotShown { get; set; }

    /// <summary>Records a failed row (one count per row, however many problems it has).</summary>
    public void Fail(int line, IEnumerable<(string Column, string Message)> problems)
    {
        Failed++;
        foreach (var (column, message) in problems)
        {
            if (Errors.Count < MaxErrorsListed)
            {
                Errors.Add(new ImportError(line, column, message));
            }
            else
            {
                ErrorsNotShown++;
            }
        }
    }

    public void Fail(int line, string column, string message) => Fail(line, [(column, message)]);

    /// <summary>Puts the listed problems in file order (rows that fail on write are found a batch later than rows that fail on reading).</summary>
    public ImportReport Complete()
    {
        var ordered = Errors.OrderBy(e => e.Line).ToList();
        Errors.Clear();
        Errors.AddRange(ordered);
        return this;
    }
}

/// <summary>One problem: the file's line number (1 is the header), the column (or field) and what to fix.</summary>
public sealed record ImportError(int Line, string Column, string Message);
