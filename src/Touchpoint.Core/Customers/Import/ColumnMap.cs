namespace Touchpoint.Core.Customers.Import;

/// <summary>Where one column's cells go: a known field, a trait or property of the given key, or nowhere.</summary>
public sealed record ColumnTarget(int Index, string Column, string Field, string? Key = null)
{
    public const string Other = "other";
}

/// <summary>
/// Which column feeds which field. By default by header name (<see cref="ImportSchema"/>); an
/// explicit <c>column=field</c> overrides it, where field is a field name, <c>trait:&lt;key&gt;</c>
/// (or <c>property:&lt;key&gt;</c> for events), or <c>ignore</c>. Any other column becomes a
/// trait (or property) named after its header.
/// </summary>
public sealed class ColumnMap
{
    private readonly Dictionary<string, ColumnTarget> _byField;

    private readonly ImportSchema _schema;

    private ColumnMap(List<ColumnTarget> columns, ImportSchema schema)
    {
        Columns = columns;
        _schema = schema;
        _byField = columns.Where(c => c.Field is not (ColumnTarget.Other or ImportSchema.Ignore))
            .ToDictionary(c => c.Field, StringComparer.Ordinal);
    }

    public IReadOnlyList<ColumnTarget> Columns { get; }

    /// <summary>The column mapped to <paramref name="field"/>, if any.</summary>
    public ColumnTarget? For(string field) => _byField.GetValueOrDefault(field);

    /// <summary>Columns that become traits or properties.</summary>
    public IEnumerable<ColumnTarget> Others => Columns.Where(c => c.Field == ColumnTarget.Other);

    public static ColumnMap Build(string[] header, IReadOnlyList<string> specs, ImportSchema schema)
    {
        var explicitTargets = ParseSpecs(header, specs, schema);
        var taken = new HashSet<string>(explicitTargets.Values.Select(t => t.Field), StringComparer.Ordinal);
        var columns = new List<ColumnTarget>(header.Length);
        for (var i = 0; i < header.Length; i++)
        {
            if (explicitTargets.TryGetValue(i, out var chosen))
            {
                columns.Add(chosen with { Index = i, Column = header[i] });
                continue;
            }

            var field = schema.FieldFor(header[i]);
            if (field == ImportSchema.Ignore)
            {
                columns.Add(new ColumnTarget(i, header[i], ImportSchema.Ignore));
            }
            else if (field is not null && taken.Add(field))
            {
                columns.Add(new ColumnTarget(i, header[i], field));
            }
            else
            {
                columns.Add(new ColumnTarget(i, header[i], ColumnTarget.Other, OtherKey(header[i], schema)));
            }
        }

        return new ColumnMap(columns, schema);
    }

    /// <summary>A column's target written as a mapping value (<c>email</c>, <c>trait:plan</c>, <c>ignore</c>), as the import page shows it.</summary>
    public string MappingValue(ColumnTarget column) =>
        column.Field == ColumnTarget.Other ? $"{_schema.OtherPrefix}:{column.Key}" : column.Field;

    private static string OtherKey(string column, ImportSchema schema)
    {
        var prefix = schema.OtherPrefix == "trait" ? "traits." : "properties.";
        return column.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && column.Length > prefix.Length ? column[prefix.Length..] : column;
    }

    private static Dictionary<int, ColumnTarget> ParseSpecs(string[] header, IReadOnlyList<string> specs, ImportSchema schema)
    {
        var targets = new Dictionary<int, ColumnTarget>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs.Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            var equals = spec.LastIndexOf('=');
            if (equals <= 0 || equals == spec.Length - 1)
            {
                throw new ImportFileException("map", $"'{spec}' is not a mapping. Write column=field, for example Customer number=externalId.");
            }

            var column = spec[..equals].Trim();
            var index = Array.FindIndex(header, h => h.Equals(column, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new ImportFileException("map", $"The mapping names the column '{column}', but the file's header has no such column. " +
                    $"Its columns are: {string.Join(", ", header)}.");
            }

            var target = ParseTarget(spec[(equals + 1)..].Trim(), schema, index, header[index]);
            if (target.Field is not (ColumnTarget.Other or ImportSchema.Ignore) && !fields.TryAdd(target.Field, column))
            {
                throw new ImportFileException("map", $"Both '{fields[target.Field]}' and '{column}' are mapped to {target.Field}. Map one column to each field.");
            }

            targets[index] = target;
        }

        return targets;
    }

    private static ColumnTarget ParseTarget(string value, ImportSchema schema, int index, string column)
    {
        if (value.Equals(ImportSchema.Ignore, StringComparison.OrdinalIgnoreCase))
        {
            return new ColumnTarget(index, column, ImportSchema.Ignore);
        }

        var prefix = schema.OtherPrefix + ":";
        if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            var key = value[prefix.Length..].Trim();
            return key.Length is > 0 and <= 64
                ? new ColumnTarget(index, column, ColumnTarget.Other, key)
                : throw new ImportFileException("map", $"'{value}': give the {schema.OtherPrefix} a name of 1 to 64 characters after '{prefix}'.");
        }

        return schema.FieldFor(value) is { } field
            ? new ColumnTarget(index, column, field)
            : throw new ImportFileException("map", $"'{value}' is not a field of a {schema.Kind} import. Use one of: " +
                $"{string.Join(", ", schema.Fields)}, {prefix}<name> or ignore.");
    }
}
