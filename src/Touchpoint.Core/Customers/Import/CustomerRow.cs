using System.Globalization;
using System.Text.Json.Nodes;

namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// One customers-CSV row turned into what <see cref="ProfileTraits.Apply"/> takes: the identity to
/// upsert by, incoming traits (well-known fields under their Segment trait names), and the stage.
/// Cell problems are collected per column; a row with any problem is not written.
/// </summary>
internal sealed class CustomerRow
{
    public required int Line { get; init; }
    public string? ExternalId { get; private init; }
    /// <summary>Trimmed and lower-cased, as profiles store it.</summary>
    public string? Email { get; private init; }
    public JsonObject Traits { get; } = [];
    public LifecycleStage? Stage { get; private set; }
    /// <summary>Trait path (as Apply names it in errors) → the column it came from.</summary>
    public Dictionary<string, string> ColumnOf { get; } = new(StringComparer.Ordinal);

    public static CustomerRow Read(CsvRecord record, ColumnMap map, List<(string Column, string Message)> problems)
    {
        string? Cell(string field) => map.For(field) is { } c ? CsvCells.Text(record.Cells![c.Index]) is { Length: > 0 } t ? t : null : null;

        var externalId = Cell("externalId");
        if (externalId is { Length: > 200 })
        {
            problems.Add((map.For("externalId")!.Column, "Keep the external id under 200 characters."));
        }

        var email = Cell("email");
        if (externalId is null && email is null)
        {
            problems.Add((map.For("externalId")?.Column ?? map.For("email")!.Column, "Give the customer's externalId or email: a row needs one to match or create a profile."));
        }

        var row = new CustomerRow { Line = record.Line, ExternalId = externalId, Email = email?.Trim().ToLowerInvariant() };
        foreach (var column in map.Columns)
        {
            var cell = CsvCells.Text(record.Cells![column.Index]);
            if (cell.Length > 0)
            {
                row.Take(column, cell, problems);
            }
        }

        return row;
    }

    private void Take(ColumnTarget column, string cell, List<(string Column, string Message)> problems)
    {
        switch (column.Field)
        {
            case "externalId" or ImportSchema.Ignore:
                break;
            case "email" or "phone" or "name" or "country" or "region" or "city" or "timezone":
                Set(column.Field, JsonValue.Create(cell), column.Column);
                break;
            case "latitude" or "longitude":
                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees))
                {
                    Set(column.Field, JsonValue.Create(degrees), column.Column, errorKey: "location");
                }
                else
                {
                    problems.Add((column.Column, $"'{Short(cell)}' is not a number. Write {column.Field} in decimal degrees, such as 52.37."));
                }

                break;
            case "lifecycleStage":
                if (!cell.All(char.IsAsciiDigit) && Enum.TryParse<LifecycleStage>(cell, ignoreCase: true, out var stage))
                {
                    Stage = stage;
                }
                else
                {
                    problems.Add((column.Column, $"'{Short(cell)}' is not a lifecycle stage. Use one of: " +
                        $"{string.Join(", ", Enum.GetNames<LifecycleStage>().Select(n => n.ToLowerInvariant()))}."));
                }

                break;
            case "consent.email" or "consent.sms" or "consent.surveys" or "consent.tracking":
                if (Flag(cell) is { } flag)
                {
                    Set(column.Field, JsonValue.Create(flag), column.Column);
                }
                else
                {
                    problems.Add((column.Column, $"'{Short(cell)}' is not a consent flag. Write true or false (yes/no, 1/0 also work)."));
                }

                break;
            default:
                if (CsvCells.ToJson(cell) is { } value)
                {
                    Set(column.Key!, value, column.Column);
                }

                break;
        }
    }

    /// <summary>Sets a trait; a dotted key (address.city) becomes nested objects, as exports flatten them.</summary>
    private void Set(string path, JsonNode value, string column, string? errorKey = null)
    {
        var parts = path.Split('.');
        var node = Traits;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }

            node = child;
        }

        node[parts[^1]] = value;
        ColumnOf.TryAdd($"traits.{errorKey ?? path}", column);
        ColumnOf.TryAdd($"traits.{parts[0]}", column);
    }

    private static bool? Flag(string cell) => cell.ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" => true,
        "false" or "no" or "n" or "0" => false,
        _ => null,
    };

    internal static string Short(string cell) => cell.Length > 40 ? cell[..40] + "…" : cell;
}
