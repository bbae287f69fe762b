namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// The constants and word lists of the VADER rules (Hutto &amp; Gilbert, ICWSM 2014), written here from the
/// paper's description: how much a booster adds, how a negation scales, how capitals and "!" emphasise.
/// </summary>
internal static class VaderRules
{
    /// <summary>What a booster ("very") adds to, or a dampener ("slightly") takes from, the next sentiment word.</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>What an ALL-CAPS sentiment word gains, when the text is not all in capitals.</summary>
    public const double CapsIncrement = 0.733;

    /// <summary>A negated word keeps 74% of its strength, with the sign flipped ("not good" is less bad than "bad").</summary>
    public const double NegationScalar = -0.74;

    /// <summary>The normalisation constant: compound = sum / sqrt(sum² + alpha).</summary>
    public const double Alpha = 15;

    public const double ExclamationIncrement = 0.292;
    public const int MaxExclamations = 4;
    public const double QuestionIncrement = 0.18;
    public const double MaxQuestionEmphasis = 0.96;

    /// <summary>Words that negate what follows within three words. Any word ending in "n't" negates too.</summary>
    public static readonly string[] Negations =
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't",
        "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't",
        "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ];

    public static readonly string[] Boosters =
    [
        "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply", "effing", "enormous",
        "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin",
        "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly",
        "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
        "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously", "uber",
        "unbelievably", "unusually", "utter", "utterly", "very",
    ];

    public static readonly string[] Dampeners =
    [
        "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal", "marginally", "occasional",
        "occasionally", "partly", "scarce", "scarcely", "slight", "slightly", "somewhat", "sorta", "sortof", "sort-of",
    ];

    /// <summary>
    /// Idioms whose meaning is not the sum of their words ("the shit" is praise, "yeah right" is not), with
    /// VADER's valences for them. Matched as phrases, like the customer-service phrases.
    /// </summary>
    public static readonly (string Phrase, double Valence)[] Idioms =
    [
        ("the shit", 3), ("the bomb", 3), ("bad ass", 1.5), ("badass", 1.5), ("yeah right", -2), ("kiss of death", -1.5),
        ("to die for", 3), ("beating heart", 3.1), ("broken heart", -2.9), ("cut the mustard", 2), ("hand to mouth", -2),
        ("back handed", -2), ("blow smoke", -2), ("blowing smoke", -2), ("upper hand", 1), ("break a leg", 2), ("cooking with gas", 2),
        ("in the black", 2), ("in the red", -2), ("on the ball", 2), ("under the weather", -2), ("bus stop", 0),
    ];
}
