using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Core.Surveys.Definition;

/// <summary>
/// What a survey asks, in which languages, and how it looks. Stored as JSON, one row per version
/// (<see cref="SurveyVersion"/>): a response keeps the version it answered, so editing a live survey
/// never changes the meaning of answers already given.
/// </summary>
public sealed class SurveyDefinition
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new LocalizedTextConverter() },
    };

    public string DefaultLanguage { get; set; } = "en";
    /// <summary>Every language the texts are written in; the default first.</summary>
    public List<string> Languages { get; set; } = ["en"];
    public List<SurveyPage> Pages { get; set; } = [];
    public SurveyTheme Theme { get; set; } = new();
    public LocalizedText? ThankYou { get; set; }

    public IEnumerable<Question> Questions => Pages.SelectMany(p => p.Questions);

    public Question? Find(string questionId) => Questions.FirstOrDefault(q => q.Id == questionId);

    /// <summary>The question whose score is the response's headline score: the first NPS, CSAT or CES question.</summary>
    public Question? Headline => Questions.FirstOrDefault(q => q.IsMetric);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SurveyDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<SurveyDefinition>(json, Json) ?? throw new JsonException("The survey definition is empty.");

    /// <summary>The standard one-question survey for a metric, with a comment box: what a new survey starts as.</summary>
    public static SurveyDefinition Standard(SurveyMetric metric, string question, string commentPrompt, string language = "en") => new()
    {
        DefaultLanguage = language,
        Languages = [language],
        Pages =
        [
            new SurveyPage
            {
                Id = "p1",
                Questions =
                [
                    new Question
                    {
                        Id = "score",
                        Type = metric switch
                        {
                            SurveyMetric.Csat => QuestionType.Csat,
                            SurveyMetric.Ces => QuestionType.Ces,
                            _ => QuestionType.Nps,
                        },
                        Title = LocalizedText.Of(language, question),
                        Required = true,
                    },
                    new Question { Id = "comment", Type = QuestionType.Text, Title = LocalizedText.Of(language, commentPrompt) },
                ],
            },
        ],
    };
}
