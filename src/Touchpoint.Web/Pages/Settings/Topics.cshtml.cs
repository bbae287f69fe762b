using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Text.Topics;
using Touchpoint.Core.Text.Workspace;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>
/// Settings > Topics: the workspace's topic tree (the built-in one until the first save copies it), a form
/// to add, rename, move or change a topic, delete, and a "try a sentence" box that shows which topics a
/// text gets and on which words. Every change saves the whole tree through <see cref="WorkspaceTaxonomy"/>,
/// as the REST API does. Topics are addressed by their position ("0.2" = second child of the first topic).
/// </summary>
[Authorize(Policy = "feedback.view")]
internal sealed partial class TopicsModel(WorkspaceTaxonomy taxonomy) : PageModel
{
    public sealed record Row(string Position, int Depth, string Path, TaxonomyNode Node);

    public WorkspaceTaxonomy.State State { get; private set; } = null!;
    public List<Row> Rows { get; private set; } = [];
    public List<string> Errors { get; private set; } = [];
    public IReadOnlyList<TopicMatch>? Matches { get; private set; }
    public bool CanManage => User.Has(Permission.ManageTopics);

    [BindProperty(SupportsGet = true)] public string? Try { get; set; }
    [BindProperty(SupportsGet = true)] public string? Edit { get; set; }
    [BindProperty] public string? Position { get; set; }
    [BindProperty] public string? Parent { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Keywords { get; set; }
    [BindProperty] public string? Exclusions { get; set; }
    [BindProperty] public int MinimumCount { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!string.IsNullOrWhiteSpace(Try))
        {
            Matches = await taxonomy.TryAsync(Try, ct);
        }

        if (Edit is not null && Rows.FirstOrDefault(r => r.Position == Edit) is { } row)
        {
            Position = row.Position;
            Parent = row.Position.Contains('.', StringComparison.Ordinal) ? row.Position[..row.Position.LastIndexOf('.')] : "";
            Name = row.Node.Name;
            Keywords = string.Join('\n', row.Node.Keywords ?? []);
            Exclusions = string.Join('\n', row.Node.Exclusions ?? []);
            MinimumCount = row.Node.MinimumCount ?? 1;
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var tree = (await taxonomy.LoadAsync(ct)).Topics;
        var existing = string.IsNullOrEmpty(Position) ? null : Find(tree, Position);
        var parent = string.IsNullOrEmpty(Parent) ? null : Find(tree, Parent);
        if (!string.IsNullOrEmpty(Position) && existing is null || !string.IsNullOrEmpty(Parent) && parent is null)
        {
            Errors.Add("That topic is no longer in the taxonomy (someone else changed it): reload and try again.");
        }
        else if (existing is not null && parent is not null && (ReferenceEquals(existing, parent) || Contains(existing, parent)))
        {
            Errors.Add("A topic cannot move under itself or one of its own sub-topics.");
        }
        else
        {
            var node = existing ?? new TaxonomyNode { Children = [] };
            node.Name = Name;
            node.Keywords = TaxonomyNode.SplitLines(Keywords);
            node.Exclusions = TaxonomyNode.SplitLines(Exclusions);
            node.MinimumCount = MinimumCount;
            if (existing is not null)
            {
                Remove(tree, existing);
            }

            (parent is null ? tree : parent.Children ??= []).Add(node);
            var errors = await taxonomy.SaveAsync(tree, User.Actor(), ct);
            if (errors.Count == 0)
            {
                TempData["Flash"] = $"Topic \"{node.Name?.Trim()}\" saved. Analysed texts are being re-scored with the new rules.";
                return Redirect("/settings/topics");
            }

            Errors.AddRange(errors.Select(e => $"{Describe(tree, e.Key)}: {string.Join(" ", e.Value)}"));
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string position, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var tree = (await taxonomy.LoadAsync(ct)).Topics;
        if (Find(tree, position) is { } node)
        {
            Remove(tree, node);
            await taxonomy.SaveAsync(tree, User.Actor(), ct);
            TempData["Flash"] = $"Topic \"{node.Name}\" and its sub-topics deleted.";
        }

        return Redirect("/settings/topics");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        State = await taxonomy.LoadAsync(ct);
        Rows = [];
        Flatten(State.Topics, "", 0, "", Rows);
    }

    private static void Flatten(List<TaxonomyNode?> nodes, string position, int depth, string path, List<Row> rows)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is not { } node)
            {
                continue;
            }

            var at = position.Length == 0 ? $"{i}" : $"{position}.{i}";
            var name = path.Length == 0 ? node.Name ?? "" : path + TopicMatch.PathSeparator + node.Name;
            rows.Add(new Row(at, depth, name, node));
            Flatten(node.Children ?? [], at, depth + 1, name, rows);
        }
    }

    private static TaxonomyNode? Find(List<TaxonomyNode?> tree, string position)
    {
        TaxonomyNode? node = null;
        var level = tree;
        foreach (var part in position.Split('.'))
        {
            if (!int.TryParse(part, out var index) || index < 0 || index >= level.Count || level[index] is not { } next)
            {
                return null;
            }

            node = next;
            level = next.Children ?? [];
        }

        return node;
    }

    private static bool Contains(TaxonomyNode ancestor, TaxonomyNode node) =>
        (ancestor.Children ?? []).Any(c => c is not null && (ReferenceEquals(c, node) || Contains(c, node)));

    private static bool Remove(List<TaxonomyNode?> level, TaxonomyNode node) =>
        level.Remove(node) || level.Any(c => c?.Children is { } children && Remove(children, node));

    /// <summary>"topics[1].children[0].keywords[2]" as a person reads it: "Billing > Refunds, keyword 3".</summary>
    private static string Describe(List<TaxonomyNode?> tree, string key)
    {
        var level = tree;
        var names = new List<string>();
        foreach (Match step in TopicStep().Matches(key))
        {
            var index = int.Parse(step.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (index >= level.Count || level[index] is not { } node)
            {
                break;
            }

            names.Add(string.IsNullOrWhiteSpace(node.Name) ? "(unnamed topic)" : node.Name.Trim());
            level = node.Children ?? [];
        }

        var field = FieldStep().Match(key);
        var where = names.Count == 0 ? "Taxonomy" : string.Join(TopicMatch.PathSeparator, names);
        return !field.Success ? where
            : field.Groups[2].Success ? $"{where}, {field.Groups[1].Value.TrimEnd('s')} {int.Parse(field.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}"
            : $"{where}, {field.Groups[1].Value}";
    }

    [GeneratedRegex(@"(?:topics|children)\[(\d+)\]")]
    private static partial Regex TopicStep();

    [GeneratedRegex(@"\.(name|keywords|exclusions|minimumCount)(?:\[(\d+)\])?$")]
    private static partial Regex FieldStep();
}
