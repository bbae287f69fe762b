namespace Touchpoint.Core.Surveys.Definition;

/// <summary>The kinds of question a survey can ask. The first three measure the workspace's metrics.</summary>
public enum QuestionType
{
    /// <summary>Net Promoter Score, 0-10.</summary>
    Nps,
    /// <summary>Customer satisfaction, 1-5.</summary>
    Csat,
    /// <summary>Customer effort, 1-7 (7 = easy).</summary>
    Ces,
    /// <summary>Stars or points from 1 to <see cref="Question.ScaleMax"/>.</summary>
    Rating,
    /// <summary>One of <see cref="Question.Choices"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The word users and the JSON know: \"single\" choice.")]
    Single,
    /// <summary>Any number of <see cref="Question.Choices"/>.</summary>
    Multiple,
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A Likert grid: one of <see cref="Question.Choices"/> (the columns) per row of <see cref="Question.Rows"/>.</summary>
    Matrix,
    /// <summary>All of <see cref="Question.Choices"/>, in the respondent's order of preference.</summary>
    Ranking,
    /// <summary>A value the link or trigger supplies (order number, plan); never shown.</summary>
    Hidden,
}
