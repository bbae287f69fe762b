using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Tests.TextAnalysis.Topics;

public sealed class KeyPhrasesTests
{
    // Feedback fragments written by the project for these tests: everyday comments that mention many
    // things a few times each, into which a theme is planted.
    private static readonly string[] Things = ["jacket", "boots", "scarf", "gloves", "backpack", "tent", "hoodie", "socks", "kettle", "lamp"];
    private static readonly string[] Opinions = ["comfortable", "colourful", "warm", "light", "sturdy", "stylish", "soft", "practical", "roomy", "bright"];
    private static readonly string[] Endings =
    [
        "Would buy again.", "My partner likes it too.", "Good for hiking.", "Nice colours!", "Fits as described.", "Packed neatly.",
        "Gift for my brother.", "Second purchase here.", "Cosy on cold mornings.", "Matches my coat.", "Survived the rain.",
        "Kids love it.", "Used it camping.", "Recommended by friends.", "Smells new.", "Folded small.",
    ];

    private static List<string> Everyday(int count, int seed, double friendlyStaffShare = 0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var text = $"The {Things[random.Next(Things.Length)]} is {Opinions[random.Next(Opinions.Length)]}. {Endings[random.Next(Endings.Length)]}";
            return random.NextDouble() < friendlyStaffShare ? text + " Friendly staff in the shop." : text;
        }).ToList();
    }

    private static readonly string[] LateDelivery =
    [
        "Late delivery again, I am annoyed.",
        "The delivery late by a week, no email.",
        "Third late delivery this month!",
        "Late deliveries every single time.",
        "Another late delivery, the boots came on Friday.",
        "Why is every delivery late?",
        "late delivery, nobody told me",
        "Late delivery ruined the birthday present.",
        "Again a LATE DELIVERY.",
        "The kettle is fine but late delivery.",
        "Late deliveries are becoming normal here.",
        "Late delivery and a torn box.",
    ];

    [Fact]
    public void Discover_PlantedTheme_ComesFirst()
    {
        var texts = Everyday(60, seed: 1).Concat(LateDelivery).ToList();

        var phrases = KeyPhrases.Discover(texts, 5);

        Assert.Equal("late delivery", phrases[0].Phrase);
        Assert.Equal(LateDelivery.Length, phrases[0].Documents);
    }

    [Fact]
    public void Discover_ReorderedAndPluralWordings_AreMergedIntoOnePhrase()
    {
        var phrases = KeyPhrases.Discover(Everyday(60, seed: 1).Concat(LateDelivery), 10);

        var theme = Assert.Single(phrases, p => p.Phrase.Contains("deliver", StringComparison.Ordinal));
        Assert.Contains("delivery late", theme.Variants);
        Assert.Contains("late deliveries", theme.Variants);
        Assert.DoesNotContain(phrases, p => p.Phrase is "late" or "delivery");
    }

    [Fact]
    public void Discover_AgainstBaseline_RanksWhatIsNewAboveWhatIsAlwaysSaid()
    {
        var current = Everyday(80, seed: 2, friendlyStaffShare: 0.3).Concat(LateDelivery).ToList();
        var baseline = Everyday(400, seed: 3, friendlyStaffShare: 0.3);

        var alone = KeyPhrases.Discover(current, 3);
        var emerging = KeyPhrases.Discover(current, baseline, 3);

        Assert.Equal("friendly staff", alone[0].Phrase);
        Assert.Equal("late delivery", emerging[0].Phrase);
        Assert.Equal(0, emerging[0].BaselineDocuments);
        Assert.DoesNotContain(emerging, p => p.Phrase == "friendly staff");
    }

    [Fact]
    public void Discover_PhrasesNeverStartOrEndWithAStopWord()
    {
        var phrases = KeyPhrases.Discover(Everyday(100, seed: 4).Concat(LateDelivery), 20);

        Assert.NotEmpty(phrases);
        Assert.All(phrases, p =>
        {
            var words = p.Phrase.Split(' ');
            Assert.InRange(words.Length, 1, 3);
            Assert.DoesNotContain(words[0], new[] { "the", "is", "a", "and", "my" });
            Assert.DoesNotContain(words[^1], new[] { "the", "is", "a", "and", "my" });
        });
    }

    [Fact]
    public void Discover_PhrasesDoNotCrossPunctuation()
    {
        var texts = Enumerable.Repeat("Great tent. Delivery was fast", 5).ToList();

        var phrases = KeyPhrases.Discover(texts, 10);

        Assert.DoesNotContain(phrases, p => p.Phrase.Contains("tent delivery", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_TopLimitsTheList()
    {
        Assert.Equal(2, KeyPhrases.Discover(Everyday(100, seed: 5), 2).Count);
        Assert.Empty(KeyPhrases.Discover(Everyday(10, seed: 5), 0));
    }

    [Theory]
    [MemberData(nameof(BadTexts.All), MemberType = typeof(BadTexts))]
    public void Discover_BadInput_NeverThrows(string name, string? text)
    {
        var texts = new[] { text, text, "late delivery", "late delivery" };

        var phrases = KeyPhrases.Discover(texts, 5);
        var emerging = KeyPhrases.Discover(texts, [text], 5);

        Assert.NotNull(phrases);
        Assert.NotNull(emerging);
        Assert.NotNull(name);
    }

    [Fact]
    public void Discover_NoTexts_ReturnsNothing()
    {
        Assert.Empty(KeyPhrases.Discover([], 5));
        Assert.Empty(KeyPhrases.Discover([], [], 5));
    }
}
