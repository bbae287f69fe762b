using System.Text.Json.Nodes;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Tests.Feedback;

/// <summary>The rules the survey page and the API share: ranges, choices, matrices, rankings, text length, logic.</summary>
public sealed class AnswerValidatorTests
{
    private static readonly SurveyDefinition Definition = SurveyDefinition.FromJson(SurveyDefinitions.Branching);

    private static Dictionary<string, string> Validate(string answers) =>
        AnswerValidator.ValidateComplete(Definition, JsonNode.Parse(answers)!.AsObject());

    [Theory]
    [InlineData("""{"nps":0,"why":"price"}""")]
    [InlineData("""{"nps":6,"why":"other","whyOther":"late"}""")]
    [InlineData("""{"nps":10,"grid":{"app":"good","shop":"bad"},"order":["b","c","a"],"liked":["price"]}""")]
    [InlineData("""{"nps":7,"grid":{"app":"ok","shop":"ok"},"plan":"gold","comment":"fine"}""")]
    public void ValidateComplete_AnswersOnThePathTaken_HasNoErrors(string answers) =>
        Assert.Empty(Validate(answers));

    [Theory]
    [InlineData("""{"nps":-1,"why":"price"}""", "nps")]
    [InlineData("""{"nps":4.5,"why":"price"}""", "nps")]
    [InlineData("""{"nps":"9","why":"price"}""", "nps")]
    [InlineData("""{"nps":3,"why":"cheap"}""", "why")]
    [InlineData("""{"nps":3}""", "why")]
    [InlineData("""{"nps":3,"why":"other"}""", "whyOther")]
    [InlineData("""{"nps":3,"why":"price","whyOther":"x"}""", "whyOther")]
    [InlineData("""{"nps":3,"why":"price","liked":["speed"]}""", "liked")]
    [InlineData("""{"nps":9,"grid":{"app":"good"}}""", "grid")]
    [InlineData("""{"nps":9,"grid":{"app":"good","shop":"ok","car":"ok"}}""", "grid")]
    [InlineData("""{"nps":9,"grid":{"app":"good","shop":"ok"},"order":["a","b"]}""", "order")]
    [InlineData("""{"nps":9,"grid":{"app":"good","shop":"ok"},"order":["a","b","b"]}""", "order")]
    [InlineData("""{"nps":9,"grid":{"app":"good","shop":"ok"},"liked":["speed","speed"]}""", "liked")]
    [InlineData("""{"nps":9,"grid":{"app":"good","shop":"ok"},"liked":"speed"}""", "liked")]
    [InlineData("""{"nps":9,"grid":{"app":"good","shop":"ok"},"ghost":1}""", "ghost")]
    public void ValidateComplete_BadAnswer_NamesTheQuestion(string answers, string question) =>
        Assert.Contains(question, Validate(answers).Keys);

    [Fact]
    public void ValidateComplete_TextOverTheLimit_SaysTheLimit()
    {
        var answers = new JsonObject { ["nps"] = 2, ["why"] = "price", ["fix"] = new string('y', AnswerValidator.MaxTextLength + 1) };

        var errors = AnswerValidator.ValidateComplete(Definition, JsonNode.Parse(answers.ToJsonString())!.AsObject());

        Assert.Contains("4000", errors["fix"], StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatePage_AnswerSentForAQuestionNotShown_IsRefused()
    {
        var page = Definition.Pages.Single(p => p.Id == "sorry");
        var answers = JsonNode.Parse("""{"nps":2,"why":"price","whyOther":"sneaky"}""")!.AsObject();

        var errors = AnswerValidator.ValidatePage(page, answers, ["why", "whyOther"]);

        Assert.Equal(AnswerValidator.NotShown, errors["whyOther"]);
        Assert.DoesNotContain("why", errors.Keys);
    }

    [Fact]
    public void Path_Detractor_SkipsThePromoterPageAndEndsAfterSorry()
    {
        var answers = SurveyFlow.View(JsonNode.Parse("""{"nps":3}""")!.AsObject());

        Assert.Equal(["p1", "sorry"], SurveyFlow.Path(Definition, answers).Select(p => p.Id));
    }

    [Fact]
    public void Keep_AnswersLeftOnAPageNoLongerPassed_AreDropped()
    {
        var answers = JsonNode.Parse("""{"nps":9,"why":"price","grid":{"app":"ok","shop":"ok"},"plan":"gold"}""")!.AsObject();

        var kept = SurveyFlow.Keep(Definition, answers);

        Assert.Equal(["grid", "nps", "plan"], kept.Select(a => a.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", DeviceDetector.Mobile)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36", DeviceDetector.Mobile)]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", DeviceDetector.Tablet)]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", DeviceDetector.Tablet)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", DeviceDetector.Desktop)]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15", DeviceDetector.Desktop)]
    [InlineData("", null)]
    public void FromUserAgent_CommonBrowsers_TellsTheDevice(string userAgent, string? device) =>
        Assert.Equal(device, DeviceDetector.FromUserAgent(userAgent));
}
