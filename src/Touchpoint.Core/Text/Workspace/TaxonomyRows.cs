using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>Converts between the stored <see cref="TaxonomyTopic"/> rows (parent ids, one keyword per line) and the tree.</summary>
public static class TaxonomyRows
{
    public static List<TaxonomyNode?> ToTree(IReadOnlyList<TaxonomyTopic> rows)
    {
        var byParent = rows.ToLookup(r => r.ParentId);
        return Children(byParent, null);
    }

    private static List<TaxonomyNode?> Children(ILookup<Guid?, TaxonomyTopic> byParent, Guid? parent) =>
        byParent[parent].OrderBy(r => r.SortOrder).Select(r => (TaxonomyNode?)new TaxonomyNode
        {
            Name = r.Name,
            Keywords = TaxonomyNode.SplitLines(r.Keywords),
            Exclusions = TaxonomyNode.SplitLines(r.Exclusions),
            MinimumCount = r.MinimumCount,
            Children = Children(byParent, r.Id),
        }).ToList();

    /// <summary>Rows for a validated tree, parents before children, siblings numbered in order.</summary>
    public static List<TaxonomyTopic> FromTree(IEnumerable<TaxonomyNode?> topics)
    {
        var rows = new List<TaxonomyTopic>();
        Add(topics, null, rows);
        return rows;
    }

    private static void Add(IEnumerable<TaxonomyNode?> topics, Guid? parent, List<TaxonomyTopic> rows)
    {
        var order = 0;
        foreach (var node in topics.OfType<TaxonomyNode>())
        {
            var row = new TaxonomyTopic
            {
                ParentId = parent,
                Name = (node.Name ?? "").Trim(),
                Keywords = string.Join('\n', (node.Keywords ?? []).Select(k => k.Trim()).Where(k => k.Length > 0)),
                Exclusions = string.Join('\n', (node.Exclusions ?? []).Select(k => k.Trim()).Where(k => k.Length > 0)),
                MinimumCount = Math.Max(1, node.MinimumCount ?? 1),
                SortOrder = order++,
            };
            rows.Add(row);
            Add(node.Children ?? [], row.Id, rows);
        }
    }
}
