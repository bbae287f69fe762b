using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Touchpoint.Core.Customers;

/// <summary>
/// Turns a customer's traits JSON into the scalar <see cref="CustomerTrait"/> rows that rules query:
/// strings (lower-cased) and booleans as text, numbers as numbers, ISO dates as both, one row per
/// element of a list, nested objects flattened with dotted keys (address.city).
/// </summary>
public static class TraitIndex
{
    public const int MaxRowsPerCustomer = 200;
    private const int MaxDepth = 3;
    private const int MaxText = 256;

    public static List<CustomerTrait> Rows(Customer customer)
    {
        var rows = new List<CustomerTrait>();
        if (JsonNode.Parse(customer.Traits) is JsonObject traits)
        {
            Add(rows, customer, prefix: null, traits, depth: 1);
        }

        return rows;
    }

    /// <summary>The text form a rule compares with: trimmed, lower-cased, cut to the column's length.</summary>
    public static string NormalizeText(string value)
    {
        var text = value.Trim().ToLowerInvariant();
        return text.Length > MaxText ? text[..MaxText] : text;
    }

    private static void Add(List<CustomerTrait> rows, Customer customer, string? prefix, JsonObject traits, int depth)
    {
        foreach (var (name, value) in traits)
        {
            var key = prefix is null ? name : $"{prefix}.{name}";
            if (key.Length > 64)
            {
                continue;
            }

            switch (value)
            {
                case JsonObject nested when depth < MaxDepth:
                    Add(rows, customer, key, nested, depth + 1);
                    break;
                case JsonArray list:
                    foreach (var item in list)
                    {
                        AddScalar(rows, customer, key, item);
                    }

                    break;
                default:
                    AddScalar(rows, customer, key, value);
                    break;
            }
        }
    }

    private static void AddScalar(List<CustomerTrait> rows, Customer customer, string key, JsonNode? value)
    {
        if (rows.Count >= MaxRowsPerCustomer || value is not JsonValue scalar)
        {
            return;
        }

        var row = new CustomerTrait { WorkspaceId = customer.WorkspaceId, CustomerId = customer.Id, Key = key };
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                var text = scalar.GetValue<string>();
                row.Text = NormalizeText(text);
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                    && text.Length >= 10 && char.IsDigit(text[0]))
                {
                    row.Number = date.ToUnixTimeSeconds();
                }

                break;
            case JsonValueKind.Number:
                row.Number = scalar.GetValue<double>();
                break;
            case JsonValueKind.True or JsonValueKind.False:
                row.Text = scalar.GetValueKind() == JsonValueKind.True ? "true" : "false";
                break;
            default:
                return;
        }

        rows.Add(row);
    }
}
