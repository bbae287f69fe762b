using System.Globalization;
using System.Text;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// Writes a dashboard table as RFC 4180 CSV. Labels come from customers' data (segment and touch point
/// names), so a cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
/// return) is kept as text with a leading apostrophe; numbers are written invariantly.
/// </summary>
internal sealed class DashboardCsv
{
    private readonly StringBuilder _text = new();

    public DashboardCsv Row(params object?[] cells)
    {
        _text.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Quote(Safe(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")),
    };

    /// <summary>Spreadsheets run a cell starting with = + - @ (or a tab or CR) as a formula; an apostrophe keeps it text.</summary>
    public static string Safe(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
