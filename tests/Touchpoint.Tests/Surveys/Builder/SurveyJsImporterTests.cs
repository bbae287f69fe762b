using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Core.Surveys.Import;

namespace Touchpoint.Tests.Surveys.Builder;

/// <summary>SurveyJS JSON as its Creator writes it, turned into our definition.</summary>
public sealed class SurveyJsImporterTests
{
    /// <summary>A post-purchase survey as exported from the SurveyJS Creator, in English and German.</summary>
    private const string PostPurchase = """
    {
      "title": { "default": "After your order", "de": "Nach Ihrer Bestellung" },
      "logoPosition": "right",
      "pages": [
        {
          "name": "page1",
          "elements": [
            { "type": "rating", "name": "nps_score", "title": { "default": "How likely are you to recommend us?", "de": "Wie wahrscheinlich empfehlen Sie uns?" },
              "isRequired": true, "rateMin": 0, "rateMax": 10, "minRateDescription": "Not likely", "maxRateDescription": "Very likely" },
            { "type": "checkbox", "name": "What could we improve?", "visibleIf": "{nps_score} <= 6",
              "choices": [ { "value": "price", "text": { "default": "Price", "de": "Preis" } }, "delivery", "support" ] },
            { "type": "comment", "name": "reason", "title": "Tell us more", "visibleIf": "{nps_score} notempty and {nps_score} < 9" },
            { "type": "html", "name": "info", "html": "<p>Thanks!</p>" }
          ]
        },
        {
          "name": "page2",
          "elements": [
            { "type": "rating", "name": "satisfaction", "title": "How satisfied are you with delivery?", "rateMax": 5 },
            { "type": "rating", "name": "effort", "title": "The shop made it easy to order.", "rateMin": 1, "rateMax": 7 },
            { "type": "rating", "name": "stars", "title": "Rate the packaging", "rateCount": 4 },
            { "type": "boolean", "name": "again", "title": "Would you buy again?" },
            { "type": "radiogroup", "name": "channel", "title": "How did you order?", "choices": ["web", "app", "phone"],
              "visibleIf": "{again} = true or {channel2} = 'x'" },
            { "type": "dropdown", "name": "country", "title": "Country", "choices": ["NL", "DE"], "visibleIf": "{again} = true and ({satisfaction} >= 4 or {effort} anyof [6, 7])" },
            { "type": "matrix", "name": "quality", "title": "Rate our service",
              "columns": [ { "value": 1, "text": "Poor" }, { "value": 2, "text": "Good" } ], "rows": [ "speed", { "value": "care", "text": "Care" } ] },
            { "type": "ranking", "name": "priorities", "title": "Rank", "choices": ["price", "speed", "quality"] },
            { "type": "text", "name": "email", "title": "Your email", "inputType": "email" },
            { "type": "file", "name": "photo", "title": "Upload a photo" },
            { "type": "signaturepad", "name": "sign" },
            { "type": "paneldynamic", "name": "items", "templateElements": [] },
            { "type": "panel", "name": "extra", "elements": [ { "type": "tagbox", "name": "tags", "title": "Tags", "choices": ["a", "b"] } ] }
          ]
        }
      ]
    }
    """;

    private static SurveyJsImporter.Result Import(string json) => SurveyJsImporter.Import(JsonNode.Parse(json));

    [Fact]
    public void Import_CreatorSurvey_MapsEachSupportedType()
    {
        var result = Import(PostPurchase);

        var definition = result.Definition!;
        Assert.Empty(result.Errors);
        Assert.Equal(["page1", "page2"], definition.Pages.Select(p => p.Id));
        var types = definition.Questions.ToDictionary(q => q.Id, q => q.Type);
        Assert.Equal(QuestionType.Nps, types["nps_score"]);
        Assert.Equal(QuestionType.Multiple, types["What_could_we_improve_"]);
        Assert.Equal(QuestionType.Text, types["reason"]);
        Assert.Equal(QuestionType.Csat, types["satisfaction"]);
        Assert.Equal(QuestionType.Ces, types["effort"]);
        Assert.Equal(QuestionType.Rating, types["stars"]);
        Assert.Equal(4, definition.Find("stars")!.ScaleMax);
        Assert.Equal(QuestionType.Single, types["again"]);
        Assert.Equal(["yes", "no"], definition.Find("again")!.Choices!.Select(c => c.Value));
        Assert.Equal(QuestionType.Single, types["channel"]);
        Assert.Equal(QuestionType.Single, types["country"]);
        Assert.Equal(QuestionType.Matrix, types["quality"]);
        Assert.Equal(["1", "2"], definition.Find("quality")!.Choices!.Select(c => c.Value));
        Assert.Equal(["speed", "care"], definition.Find("quality")!.Rows!.Select(c => c.Value));
        Assert.Equal(QuestionType.Ranking, types["priorities"]);
        Assert.True(definition.Find("email")!.SingleLine);
        Assert.Equal(QuestionType.Multiple, types["tags"]);
        Assert.True(definition.Find("nps_score")!.Required);
        Assert.Equal("Not likely", definition.Find("nps_score")!.MinLabel!["en"]);
        Assert.Empty(DefinitionValidator.Validate(definition));
    }

    [Fact]
    public void Import_UnsupportedElements_AreReportedAsSkippedByName()
    {
        var result = Import(PostPurchase);

        Assert.Equal(["info", "photo", "sign", "items"], result.Skipped.Select(s => s.Name));
        Assert.Equal("file", result.Skipped[1].Type);
        Assert.All(result.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
    }

    [Fact]
    public void Import_LocalizedStrings_BecomeLanguagesWithDefaultFirst()
    {
        var result = Import(PostPurchase);

        var definition = result.Definition!;
        Assert.Equal("en", definition.DefaultLanguage);
        Assert.Equal(["en", "de"], definition.Languages);
        Assert.Equal("Wie wahrscheinlich empfehlen Sie uns?", definition.Find("nps_score")!.Title["de"]);
        Assert.Equal("Preis", definition.Find("What_could_we_improve_")!.Choices![0].Text["de"]);
        Assert.Equal("After your order", result.Title);
    }

    [Fact]
    public void Import_SimpleVisibleIf_BecomesDisplayIf()
    {
        var definition = Import(PostPurchase).Definition!;

        var improve = definition.Find("What_could_we_improve_")!.DisplayIf!;
        Assert.Equal(("nps_score", ConditionOperator.Lte, 6.0), (improve.Question, improve.Op, improve.Value!.GetValue<double>()));
        var reason = definition.Find("reason")!.DisplayIf!;
        Assert.Equal(2, reason.All!.Count);
        Assert.Equal(ConditionOperator.Answered, reason.All[0].Op);
        Assert.Equal(ConditionOperator.Lt, reason.All[1].Op);
        var country = definition.Find("country")!.DisplayIf!;
        Assert.Equal("yes", country.All![0].Value!.GetValue<string>());
        Assert.Equal(ConditionOperator.In, country.All[1].Any![1].Op);
        Assert.Equal(2, country.All[1].Any![1].Value!.AsArray().Count);
    }

    [Fact]
    public void Import_ConditionOnUnknownQuestion_IsDroppedWithAWarning()
    {
        var result = Import(PostPurchase);

        Assert.Null(result.Definition!.Find("channel")!.DisplayIf);
        Assert.Contains(result.Warnings, w => w.Contains("channel", StringComparison.Ordinal) && w.Contains("{channel2} = 'x'", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_UnparseableExpression_IsAWarning()
    {
        var result = Import("""
        { "elements": [
            { "type": "rating", "name": "nps", "rateMin": 0, "rateMax": 10 },
            { "type": "comment", "name": "why", "visibleIf": "age({birth}) > 18" }
        ] }
        """);

        Assert.Null(result.Definition!.Find("why")!.DisplayIf);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Import_TopLevelQuestionsWithLocale_UseTheLocaleAsDefault()
    {
        var result = Import("""
        { "locale": "de", "questions": [
            { "type": "rating", "name": "zufriedenheit", "title": "Wie zufrieden sind Sie? (satisfied)", "rateMax": 5 }
        ] }
        """);

        var definition = result.Definition!;
        Assert.Equal("de", definition.DefaultLanguage);
        Assert.Equal(["de"], definition.Languages);
        Assert.Equal(QuestionType.Csat, definition.Headline!.Type);
        Assert.Single(definition.Pages);
        Assert.Empty(DefinitionValidator.Validate(definition));
    }

    [Fact]
    public void Import_NoMetricQuestion_AsksToAddOne()
    {
        var result = Import("""{ "elements": [ { "type": "comment", "name": "feedback" } ] }""");

        Assert.Null(result.Definition);
        Assert.Contains("metric question", result.Errors["json"][0], StringComparison.Ordinal);
    }
}
