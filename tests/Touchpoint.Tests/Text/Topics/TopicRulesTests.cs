using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Tests.TextAnalysis.Topics;

public sealed class TopicRulesTests
{
    private static readonly TopicRules Rules = TopicRules.Compile(new TopicTaxonomy(
    [
        new TopicDefinition("Billing")
        {
            Keywords = ["invoice*", "charged twice"],
            Exclusions = ["invoice address"],
            Children =
            [
                new TopicDefinition("Refunds")
                {
                    Keywords = ["refund*", "money back"],
                    Exclusions = ["refund policy page"],
                },
            ],
        },
        new TopicDefinition("Café")
        {
            Keywords = ["crème brûlée", "espresso"],
        },
        new TopicDefinition("Wait times")
        {
            Keywords = ["wait*", "queue"],
            MinimumCount = 2,
        },
    ]));

    [Fact]
    public void Match_ChildKeyword_ReturnsThePathFromTheRoot()
    {
        var matches = Rules.Match("I still have not had my money back.");

        var match = Assert.Single(matches);
        Assert.Equal("Billing > Refunds", match.Path);
        Assert.Equal("Refunds", match.Topic);
        Assert.Equal(new[] { "money back" }, match.Evidence);
    }

    [Theory]
    [InlineData("Refund please", "refund")]
    [InlineData("they REFUNDED it at last", "refunded")]
    [InlineData("two refunds are missing", "refunds")]
    public void Match_Wildcard_MatchesAnyEnding(string text, string evidence)
    {
        var match = Assert.Single(Rules.Match(text));

        Assert.Equal("Billing > Refunds", match.Path);
        Assert.Equal(new[] { evidence }, match.Evidence);
    }

    [Fact]
    public void Match_WildcardWord_DoesNotMatchAShorterWord()
    {
        Assert.Empty(Rules.Match("the ref gave a penalty"));
    }

    [Fact]
    public void Match_KeywordInsideExclusion_IsNotCounted()
    {
        Assert.Empty(Rules.Match("I read the refund policy page twice."));
    }

    [Fact]
    public void Match_ExclusionElsewhereInTheText_KeepsTheOtherMentions()
    {
        var match = Assert.Single(Rules.Match("The refund policy page says 14 days, and my refund is now three weeks late."));

        Assert.Equal(1, match.Count);
        Assert.Equal(new[] { "refund" }, match.Evidence);
    }

    [Fact]
    public void Match_ParentExclusion_AppliesToChildren()
    {
        var rules = TopicRules.Compile(new TopicTaxonomy(
        [
            new TopicDefinition("Delivery")
            {
                Keywords = ["deliver*"],
                Exclusions = ["delivery address form"],
                Children = [new TopicDefinition("Address") { Keywords = ["address"] }],
            },
        ]));

        Assert.Empty(rules.Match("The delivery address form is fine."));
        Assert.Equal(new[] { "Delivery > Address" }, rules.Match("The courier had the wrong address").Select(m => m.Path));
    }

    [Theory]
    [InlineData("The CREME BRULEE was great")]
    [InlineData("the crème brûlée was great")]
    [InlineData("The Crème Brûlée was great")]
    [InlineData("ESPRESSO")]
    public void Match_AnyCaseOrAccents_FindsTheTopic(string text)
    {
        Assert.Equal(new[] { "Café" }, Rules.Match(text).Select(m => m.Path));
    }

    [Fact]
    public void Match_PhraseSplitAcrossOtherWords_DoesNotMatch()
    {
        Assert.Empty(Rules.Match("I was charged for a twice-washed shirt"));
    }

    [Fact]
    public void Match_FewerMentionsThanTheMinimum_IsNotReported()
    {
        Assert.Empty(Rules.Match("A short wait."));

        var match = Assert.Single(Rules.Match("A long wait in the queue, then more waiting."));
        Assert.Equal("Wait times", match.Path);
        Assert.Equal(3, match.Count);
        Assert.Equal(new[] { "wait", "queue", "waiting" }, match.Evidence);
    }

    [Fact]
    public void Match_SeveralTopics_ReturnsEachInTaxonomyOrder()
    {
        var matches = Rules.Match("The invoice was wrong, I was charged twice, and the refund is missing.");

        Assert.Equal(new[] { "Billing", "Billing > Refunds" }, matches.Select(m => m.Path));
        Assert.Equal(2, matches[0].Count);
        Assert.Equal(new[] { "invoice", "charged twice" }, matches[0].Evidence);
    }

    [Fact]
    public void Match_OverlappingKeywords_CountOneMention()
    {
        var rules = TopicRules.Compile(new TopicTaxonomy([new TopicDefinition("Delivery") { Keywords = ["delivery", "late delivery", "deliver*"] }]));

        var match = Assert.Single(rules.Match("late delivery"));

        Assert.Equal(1, match.Count);
        Assert.Equal(new[] { "late delivery" }, match.Evidence);
    }

    [Fact]
    public void Compile_PatternsWithoutWords_AreIgnored()
    {
        var rules = TopicRules.Compile(new TopicTaxonomy([new TopicDefinition("Noise") { Keywords = ["***", "", "  ", "!"] }]));

        Assert.Empty(rules.Match("anything at all"));
        Assert.Equal(new[] { "Noise" }, rules.Paths);
    }

    [Theory]
    [InlineData("My parcel arrived damaged and two weeks late", "Delivery > Late delivery")]
    [InlineData("My parcel arrived damaged and two weeks late", "Delivery > Damaged or missing items")]
    [InlineData("I was charged twice for one order", "Billing > Wrong or double charge")]
    [InlineData("Still no refund after I sent the jacket back", "Billing > Refunds")]
    [InlineData("The agent was rude and dismissive", "Staff and service > Friendliness")]
    [InlineData("The app keeps crashing at checkout", "Website and app > Bugs and errors")]
    [InlineData("45 minutes on hold before anyone answered", "Wait times")]
    [InlineData("Far too expensive for what you get", "Price and value")]
    [InlineData("The jacket fell apart after one wash", "Product quality")]
    public void DefaultTaxonomy_TypicalComment_FindsItsTopic(string text, string path)
    {
        var rules = TopicRules.Compile(DefaultTaxonomy.CustomerExperience);

        Assert.Contains(path, rules.Match(text).Select(m => m.Path));
    }

    [Theory]
    [InlineData("I didn't have to wait at all")]
    [InlineData("Bought it on the app store")]
    [InlineData("As a returning customer I love the range")]
    public void DefaultTaxonomy_HardNegative_IsExcluded(string text)
    {
        var paths = TopicRules.Compile(DefaultTaxonomy.CustomerExperience).Match(text).Select(m => m.Path).ToList();

        Assert.DoesNotContain("Wait times", paths);
        Assert.DoesNotContain("Store experience", paths);
        Assert.DoesNotContain("Returns and exchanges", paths);
    }

    [Theory]
    [MemberData(nameof(BadTexts.All), MemberType = typeof(BadTexts))]
    public void Match_BadInput_NeverThrows(string name, string? text)
    {
        var rules = TopicRules.Compile(DefaultTaxonomy.CustomerExperience);

        var matches = rules.Match(text);

        Assert.All(matches, m => Assert.True(m.Count >= 1, name));
    }

    [Fact]
    public void Match_MegabyteOfText_ReadsOnlyTheFirst20000Characters()
    {
        var text = new string('x', 30_000) + " refund";

        Assert.Empty(Rules.Match(text));
        Assert.Single(Rules.Match("refund " + new string('x', 30_000)));
    }

    [Fact]
    public void Compile_EmptyTaxonomy_MatchesNothing()
    {
        Assert.Empty(TopicRules.Compile(new TopicTaxonomy([])).Match("refund please"));
    }
}
