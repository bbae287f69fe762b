namespace Touchpoint.Core.Surveys.Definition;

/// <summary>One question of a survey. <see cref="Id"/> is the answer's key in responses and exports.</summary>
public sealed class Question
{
    public required string Id { get; set; }
    public QuestionType Type { get; set; }
    /// <summary>May pipe in values: {customer.name}, {customer.firstName}, {agent}, {touchPoint}, {hidden.ID}, {answer.ID}.</summary>
    public LocalizedText Title { get; set; } = [];
    public LocalizedText? Description { get; set; }
    public bool Required { get; set; }
    /// <summary>The options of single, multiple and ranking questions; the columns of a matrix.</summary>
    public List<Choice>? Choices { get; set; }
    /// <summary>The statements of a matrix, each answered on <see cref="Choices"/>.</summary>
    public List<Choice>? Rows { get; set; }
    /// <summary>The top of a rating question's scale (3 to 10; stars by default 5).</summary>
    public int? ScaleMax { get; set; }
    public LocalizedText? MinLabel { get; set; }
    public LocalizedText? MaxLabel { get; set; }
    /// <summary>Text questions: a single line instead of a box.</summary>
    public bool SingleLine { get; set; }
    /// <summary>Shown only when this holds for the answers so far (on this or earlier pages).</summary>
    public Condition? DisplayIf { get; set; }

    public bool IsMetric => Type is QuestionType.Nps or QuestionType.Csat or QuestionType.Ces;

    /// <summary>The metric a metric question measures.</summary>
    public SurveyMetric? Metric => Type switch
    {
        QuestionType.Nps => SurveyMetric.Nps,
        QuestionType.Csat => SurveyMetric.Csat,
        QuestionType.Ces => SurveyMetric.Ces,
        _ => null,
    };

    /// <summary>The numeric range of a scale question; null for the others.</summary>
    public (int Min, int Max)? Scale => Type switch
    {
        QuestionType.Nps => (0, 10),
        QuestionType.Csat => (1, 5),
        QuestionType.Ces => (1, 7),
        QuestionType.Rating => (1, ScaleMax ?? 5),
        _ => null,
    };
}

/// <summary>An option: <see cref="Value"/> is stored; <see cref="Text"/> is shown.</summary>
public sealed class Choice
{
    public required string Value { get; set; }
    public LocalizedText Text { get; set; } = [];
}
