using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>
/// One topic of a workspace's taxonomy as the editor and the REST API exchange it: the whole tree is
/// sent and saved at once. Lists may be null in what a client sends; <see cref="TaxonomyValidator"/>
/// says what is missing before anything is stored.
/// </summary>
public sealed class TaxonomyNode
{
    public string? Name { get; set; }

    public List<string>? Keywords { get; set; }

    public List<string>? Exclusions { get; set; }

    public int? MinimumCount { get; set; }

    public List<TaxonomyNode?>? Children { get; set; }

    /// <summary>The built-in taxonomy, as the editor starts from it.</summary>
    public static List<TaxonomyNode?> FromTaxonomy(TopicTaxonomy taxonomy) => taxonomy.Topics.Select(From).ToList<TaxonomyNode?>();

    /// <summary>A validated tree as the rule engine reads it.</summary>
    public static TopicTaxonomy ToTaxonomy(IEnumerable<TaxonomyNode?> topics) =>
        new(topics.OfType<TaxonomyNode>().Select(To).ToArray());

    private static TaxonomyNode From(TopicDefinition topic) => new()
    {
        Name = topic.Name,
        Keywords = [.. topic.Keywords],
        Exclusions = [.. topic.Exclusions],
        MinimumCount = topic.MinimumCount,
        Children = topic.Children.Select(From).ToList<TaxonomyNode?>(),
    };

    private static TopicDefinition To(TaxonomyNode node) => new((node.Name ?? "").Trim())
    {
        Keywords = Lines(node.Keywords),
        Exclusions = Lines(node.Exclusions),
        MinimumCount = Math.Max(1, node.MinimumCount ?? 1),
        Children = (node.Children ?? []).OfType<TaxonomyNode>().Select(To).ToArray(),
    };

    private static string[] Lines(List<string>? lines) =>
        (lines ?? []).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    /// <summary>Splits a text area into keyword lines, dropping blank ones (the editor's one-per-line fields).</summary>
    public static List<string> SplitLines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
