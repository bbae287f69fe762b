namespace Touchpoint.Core.Surveys.Definition;

/// <summary>One screen of a survey. After it, the first <see cref="Branches"/> rule that holds says where to go; else the next page.</summary>
public sealed class SurveyPage
{
    public required string Id { get; set; }
    public LocalizedText? Title { get; set; }
    public List<Question> Questions { get; set; } = [];
    public List<BranchRule> Branches { get; set; } = [];
}

/// <summary>"If the answers so far match, go to page <see cref="GoTo"/>" (a page id, or <c>end</c> to finish).</summary>
public sealed class BranchRule
{
    public const string End = "end";

    public Condition If { get; set; } = new();
    public required string GoTo { get; set; }
}
