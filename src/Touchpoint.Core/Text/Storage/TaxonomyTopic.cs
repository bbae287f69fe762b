using Touchpoint.Core.Data;

namespace Touchpoint.Core.Text.Storage;

/// <summary>
/// One topic of a workspace's editable taxonomy. Keywords and exclusions are one phrase per line (a word
/// ending in * matches any ending), as <see cref="Topics.TopicDefinition"/> reads them. A workspace that has
/// never edited its taxonomy has no rows and uses the built-in customer-experience taxonomy.
/// </summary>
public sealed class TaxonomyTopic : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid? ParentId { get; set; }
    public required string Name { get; set; }
    public string Keywords { get; set; } = "";
    public string Exclusions { get; set; } = "";
    public int MinimumCount { get; set; } = 1;
    public int SortOrder { get; set; }
}
