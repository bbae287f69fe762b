using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Tests.Surveys.Builder;

/// <summary>Each rule a saved definition must meet, and the JSON path its error names.</summary>
public sealed class DefinitionValidatorTests
{
    /// <summary>A valid two-page survey: NPS + reason on page 1 (branching to the end for promoters), a choice and a matrix on page 2.</summary>
    private const string Valid = """
    {
      "defaultLanguage": "en",
      "languages": ["en", "de"],
      "pages": [
        {
          "id": "p1",
          "questions": [
            { "id": "nps", "type": "nps", "title": { "en": "Recommend us?", "de": "Empfehlen?" }, "required": true },
            { "id": "why", "type": "text", "title": "Why?", "displayIf": { "question": "nps", "op": "lte", "value": 6 } },
            { "id": "plan", "type": "hidden" }
          ],
          "branches": [ { "if": { "question": "nps", "op": "gte", "value": 9 }, "goTo": "end" } ]
        },
        {
          "id": "p2",
          "questions": [
            { "id": "area", "type": "single", "title": "What went wrong?", "choices": [ { "value": "price", "text": "Price" }, { "value": "support", "text": "Support" } ] },
            { "id": "grid", "type": "matrix", "title": "Rate", "choices": [ { "value": "bad" }, { "value": "good" } ], "rows": [ { "value": "speed", "text": "Speed" } ] },
            { "id": "stars", "type": "rating", "title": "Stars", "scaleMax": 5 }
          ]
        }
      ],
      "theme": { "logoUrl": "https://example.test/logo.png", "primaryColor": "#123", "backgroundColor": "#ffffff", "textColor": "#000000" }
    }
    """;

    private static JsonObject Base() => JsonNode.Parse(Valid)!.AsObject();

    private static Dictionary<string, string[]> Validate(JsonObject json) => DefinitionValidator.Validate(SurveyDefinition.FromJson(json.ToJsonString()));

    private static JsonObject Question(JsonObject json, int page, int question) => json["pages"]![page]!["questions"]![question]!.AsObject();

    private static void AssertError(Dictionary<string, string[]> errors, string path) =>
        Assert.True(errors.ContainsKey(path), $"Expected an error at '{path}', got: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}");

    [Fact]
    public void Validate_ValidDefinition_HasNoErrors()
    {
        Assert.Empty(Validate(Base()));
    }

    [Fact]
    public void Validate_PlainStringTitle_MovesToTheDefaultLanguage()
    {
        var definition = SurveyDefinition.FromJson(Valid);

        DefinitionValidator.Validate(definition);

        var why = definition.Find("why")!;
        Assert.Equal("Why?", why.Title["en"]);
        Assert.False(why.Title.ContainsKey("*"));
        Assert.DoesNotContain("\"*\"", definition.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("")]
    public void Validate_InvalidQuestionId_NamesTheId(string id)
    {
        var json = Base();
        Question(json, 0, 1)["id"] = id;

        AssertError(Validate(json), "pages[0].questions[1].id");
    }

    [Fact]
    public void Validate_DuplicateQuestionId_NamesTheSecond()
    {
        var json = Base();
        Question(json, 1, 0)["id"] = "why";

        AssertError(Validate(json), "pages[1].questions[0].id");
    }

    [Fact]
    public void Validate_DuplicatePageId_NamesThePage()
    {
        var json = Base();
        json["pages"]![1]!["id"] = "p1";

        AssertError(Validate(json), "pages[1].id");
    }

    [Fact]
    public void Validate_NoPages_NamesPages()
    {
        var json = Base();
        json["pages"] = new JsonArray();

        AssertError(Validate(json), "pages");
    }

    [Fact]
    public void Validate_EmptyPage_NamesItsQuestions()
    {
        var json = Base();
        json["pages"]![1]!["questions"] = new JsonArray();

        AssertError(Validate(json), "pages[1].questions");
    }

    [Fact]
    public void Validate_NoMetricQuestion_AsksForOne()
    {
        var json = Base();
        Question(json, 0, 0)["type"] = "rating";

        var errors = Validate(json);

        AssertError(errors, "pages");
        Assert.Contains("NPS, CSAT or CES", errors["pages"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(51)]
    public void Validate_ChoiceCountOutOfRange_NamesChoices(int count)
    {
        var json = Base();
        Question(json, 1, 0)["choices"] = new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["value"] = $"c{i}" }).ToArray());

        AssertError(Validate(json), "pages[1].questions[0].choices");
    }

    [Fact]
    public void Validate_DuplicateChoiceValues_NamesChoices()
    {
        var json = Base();
        Question(json, 1, 0)["choices"]![1]!["value"] = "price";

        AssertError(Validate(json), "pages[1].questions[0].choices");
    }

    [Fact]
    public void Validate_MatrixWithoutRows_NamesRows()
    {
        var json = Base();
        Question(json, 1, 1).Remove("rows");

        AssertError(Validate(json), "pages[1].questions[1].rows");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(11)]
    public void Validate_RatingScaleOutOfRange_NamesScaleMax(int max)
    {
        var json = Base();
        Question(json, 1, 2)["scaleMax"] = max;

        AssertError(Validate(json), "pages[1].questions[2].scaleMax");
    }

    [Fact]
    public void Validate_TitleOver500Characters_NamesTitle()
    {
        var json = Base();
        Question(json, 0, 1)["title"] = new string('x', 501);

        AssertError(Validate(json), "pages[0].questions[1].title");
    }

    [Fact]
    public void Validate_MissingTitleInDefaultLanguage_NamesTitle()
    {
        var json = Base();
        Question(json, 0, 0)["title"] = new JsonObject { ["de"] = "Nur Deutsch" };

        AssertError(Validate(json), "pages[0].questions[0].title");
    }

    [Fact]
    public void Validate_TextInUnlistedLanguage_NamesTheText()
    {
        var json = Base();
        Question(json, 0, 0)["title"] = new JsonObject { ["en"] = "Recommend?", ["fr"] = "Recommander ?" };

        var errors = Validate(json);

        AssertError(errors, "pages[0].questions[0].title");
        Assert.Contains("\"fr\"", errors["pages[0].questions[0].title"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("e")]
    [InlineData("en_US")]
    public void Validate_InvalidLanguageTag_NamesTheLanguage(string tag)
    {
        var json = Base();
        json["languages"] = new JsonArray("en", tag);

        AssertError(Validate(json), "languages[1]");
    }

    [Fact]
    public void Validate_RegionalLanguageTag_IsAccepted()
    {
        var json = Base();
        json["languages"] = new JsonArray("en", "pt-BR");
        Question(json, 0, 0)["title"] = new JsonObject { ["en"] = "Recommend?", ["pt-BR"] = "Recomendaria?" };

        Assert.Empty(Validate(json));
    }

    [Fact]
    public void Validate_DefaultLanguageNotFirst_NamesLanguages()
    {
        var json = Base();
        json["languages"] = new JsonArray("de", "en");

        AssertError(Validate(json), "languages");
    }

    [Fact]
    public void Validate_DisplayIfOnLaterQuestion_NamesTheConditionsQuestion()
    {
        var json = Base();
        Question(json, 0, 1)["displayIf"] = JsonNode.Parse("""{ "question": "area", "op": "eq", "value": "price" }""");

        AssertError(Validate(json), "pages[0].questions[1].displayIf.question");
    }

    [Fact]
    public void Validate_DisplayIfOnItself_IsRefused()
    {
        var json = Base();
        Question(json, 0, 1)["displayIf"] = JsonNode.Parse("""{ "question": "why", "op": "answered" }""");

        AssertError(Validate(json), "pages[0].questions[1].displayIf.question");
    }

    [Fact]
    public void Validate_OperatorInvalidForType_NamesOp()
    {
        var json = Base();
        Question(json, 1, 2)["displayIf"] = JsonNode.Parse("""{ "question": "area", "op": "gt", "value": "price" }""");

        AssertError(Validate(json), "pages[1].questions[2].displayIf.op");
    }

    [Fact]
    public void Validate_InWithoutArray_NamesValue()
    {
        var json = Base();
        Question(json, 0, 1)["displayIf"] = JsonNode.Parse("""{ "question": "nps", "op": "in", "value": 9 }""");

        AssertError(Validate(json), "pages[0].questions[1].displayIf.value");
    }

    [Fact]
    public void Validate_ScoreOutOfScaleInNestedGroup_NamesNestedPath()
    {
        var json = Base();
        Question(json, 0, 1)["displayIf"] = JsonNode.Parse("""{ "any": [ { "question": "nps", "op": "lte", "value": 6 }, { "question": "nps", "op": "eq", "value": 11 } ] }""");

        AssertError(Validate(json), "pages[0].questions[1].displayIf.any[1].value");
    }

    [Fact]
    public void Validate_ChoiceValueNotAChoice_NamesValue()
    {
        var json = Base();
        Question(json, 1, 2)["displayIf"] = JsonNode.Parse("""{ "question": "area", "op": "eq", "value": "shipping" }""");

        AssertError(Validate(json), "pages[1].questions[2].displayIf.value");
    }

    [Fact]
    public void Validate_BranchToEarlierPage_IsALoop()
    {
        var json = Base();
        json["pages"]![1]!["branches"] = JsonNode.Parse("""[ { "if": { "question": "area", "op": "answered" }, "goTo": "p1" } ]""");

        AssertError(Validate(json), "pages[1].branches[0].goTo");
    }

    [Fact]
    public void Validate_BranchToUnknownPage_NamesGoTo()
    {
        var json = Base();
        json["pages"]![0]!["branches"]![0]!["goTo"] = "nowhere";

        AssertError(Validate(json), "pages[0].branches[0].goTo");
    }

    [Fact]
    public void Validate_BranchOnLaterPagesQuestion_NamesTheQuestion()
    {
        var json = Base();
        json["pages"]![0]!["branches"]![0]!["if"] = JsonNode.Parse("""{ "question": "area", "op": "answered" }""");

        AssertError(Validate(json), "pages[0].branches[0].if.question");
    }

    [Theory]
    [InlineData("primaryColor", "blue")]
    [InlineData("backgroundColor", "#12345")]
    [InlineData("textColor", "#ggg")]
    public void Validate_InvalidColour_NamesTheColour(string field, string colour)
    {
        var json = Base();
        json["theme"]![field] = colour;

        AssertError(Validate(json), $"theme.{field}");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/logo.png")]
    [InlineData("ftp://example.test/logo.png")]
    public void Validate_LogoUrlNotHttp_NamesLogoUrl(string url)
    {
        var json = Base();
        json["theme"]!["logoUrl"] = url;

        AssertError(Validate(json), "theme.logoUrl");
    }

    [Fact]
    public void Validate_RequiredHiddenField_IsRefused()
    {
        var json = Base();
        Question(json, 0, 2)["required"] = true;

        AssertError(Validate(json), "pages[0].questions[2].required");
    }

    [Fact]
    public void Validate_HiddenFieldWithDisplayIf_IsRefused()
    {
        var json = Base();
        Question(json, 0, 2)["displayIf"] = JsonNode.Parse("""{ "question": "nps", "op": "answered" }""");

        AssertError(Validate(json), "pages[0].questions[2].displayIf");
    }

    [Fact]
    public void Read_UnknownQuestionType_NamesTheTypeField()
    {
        var json = Base();
        Question(json, 1, 0)["type"] = "slider";

        var (definition, errors) = DefinitionReader.ReadAndValidate(json.ToJsonString());

        Assert.Null(definition);
        AssertError(errors, "pages[1].questions[0].type");
    }

    [Fact]
    public void Read_QuestionWithoutType_NamesTheTypeField()
    {
        var json = Base();
        Question(json, 0, 1).Remove("type");

        var (definition, errors) = DefinitionReader.ReadAndValidate(json.ToJsonString());

        Assert.Null(definition);
        AssertError(errors, "pages[0].questions[1].type");
    }
}
