using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// Cell values as JSON: plain numbers become numbers, true/false booleans, a cell holding a JSON
/// array or object stays one, anything else is text. Numbers with leading zeros (zip codes, phone
/// numbers) stay text. A leading apostrophe that an export added against formula injection is removed.
/// </summary>
public static partial class CsvCells
{
    /// <summary>The cell as JSON, or null for an empty cell (empty cells are skipped, never erase).</summary>
    public static JsonNode? ToJson(string cell)
    {
        var text = Unguard(cell.Trim());
        if (text.Length == 0)
        {
            return null;
        }

        if (PlainNumber().IsMatch(text))
        {
            return JsonNode.Parse(text);
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return JsonValue.Create(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (text[0] is '[' or '{')
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON after all: keep the text.
            }
        }

        return JsonValue.Create(text);
    }

    /// <summary>The cell's text with an export's formula guard removed; empty when blank.</summary>
    public static string Text(string cell) => Unguard(cell.Trim());

    /// <summary>Cells a spreadsheet would run as a formula get a leading apostrophe; plain numbers are left alone.</summary>
    public static string Guard(string value) =>
        value.Length > 0 && IsFormulaStart(value[0]) && !SignedNumber().IsMatch(value) ? "'" + value : value;

    private static string Unguard(string text) =>
        text.Length > 1 && text[0] == '\'' && IsFormulaStart(text[1]) ? text[1..] : text;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    [GeneratedRegex(@"^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?$")]
    private static partial Regex PlainNumber();

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex SignedNumber();
}
