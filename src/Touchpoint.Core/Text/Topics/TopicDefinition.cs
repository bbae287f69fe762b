namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// One topic of a workspace's taxonomy, with its sub-topics. Keywords are words or phrases; a word ending
/// in <c>*</c> matches any ending ("refund*" matches refund, refunds, refunded). Case and accents never
/// matter. An exclusion is a phrase that, where it covers a keyword's words, cancels that mention
/// ("refund policy page" keeps "Refunds" off "see the refund policy page"); a topic's exclusions also
/// apply to its sub-topics. The topic is found when at least <see cref="MinimumCount"/> mentions remain.
/// </summary>
public sealed record TopicDefinition(string Name)
{
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<string> Exclusions { get; init; } = [];

    public int MinimumCount { get; init; } = 1;

    public IReadOnlyList<TopicDefinition> Children { get; init; } = [];
}

/// <summary>A workspace's topic tree: a plain record the editor and the database can hold as they like.</summary>
public sealed record TopicTaxonomy(IReadOnlyList<TopicDefinition> Topics);
