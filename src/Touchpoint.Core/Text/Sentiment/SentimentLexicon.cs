using System.Collections.Frozen;
using System.Globalization;

namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// The word table the rules read: VADER's valence lexicon (vader_lexicon.txt from the npm package
/// vader-sentiment, Apache-2.0, restored by the build and embedded as a resource, never committed), plus the
/// project's customer-service words and learned adjustments, plus the roles of boosters, negations and
/// the other function words the rules look for. Built once into a case-insensitive frozen dictionary that
/// is looked up by span, so scoring never allocates a lower-cased copy of a word.
/// </summary>
internal static class SentimentLexicon
{
    public const string ResourceName = "Touchpoint.Core.Text.Sentiment.vader_lexicon.txt";

    private static readonly Lazy<IReadOnlyDictionary<string, double>> Vader = new(LoadVader);

    /// <summary>VADER's lexicon as published: word to mean valence (-4..+4).</summary>
    public static IReadOnlyDictionary<string, double> VaderValences => Vader.Value;

    public static FrozenDictionary<string, WordInfo> Build(SentimentSettings settings)
    {
        var words = new Dictionary<string, WordInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, valence) in VaderValences)
        {
            words.TryAdd(word, new WordInfo(valence, 0, WordRole.None));
        }

        if (settings.ServiceLanguage)
        {
            foreach (var (word, valence) in ServicePhrases.Words)
            {
                words.TryAdd(word, new WordInfo(valence, 0, WordRole.None));
            }
        }

        if (settings.DomainAdjustments)
        {
            foreach (var (word, valence) in SentimentDomainAdjustments.Words)
            {
                words[word] = Get(words, word) with { Valence = valence };
            }
        }

        foreach (var word in VaderRules.Boosters)
        {
            words[word] = Get(words, word) with { Booster = VaderRules.BoosterIncrement };
        }

        foreach (var word in VaderRules.Dampeners)
        {
            words[word] = Get(words, word) with { Booster = -VaderRules.BoosterIncrement };
        }

        AddRole(words, WordRole.Negation, VaderRules.Negations);
        AddRole(words, WordRole.But, "but");
        AddRole(words, WordRole.No, "no");
        AddRole(words, WordRole.Least, "least");
        AddRole(words, WordRole.Never, "never");
        AddRole(words, WordRole.Without, "without");
        AddRole(words, WordRole.Doubt, "doubt");
        AddRole(words, WordRole.SoOrThis, "so", "this");
        AddRole(words, WordRole.AtOrVery, "at", "very");
        AddRole(words, WordRole.KindOrSort, "kind", "sort");
        AddRole(words, WordRole.Of, "of");
        AddRole(words, WordRole.OrNor, "or", "nor");
        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static WordInfo Get(Dictionary<string, WordInfo> words, string word) =>
        words.TryGetValue(word, out var info) ? info : new WordInfo(double.NaN, 0, WordRole.None);

    private static void AddRole(Dictionary<string, WordInfo> words, WordRole role, params string[] list)
    {
        foreach (var word in list)
        {
            var info = Get(words, word);
            words[word] = info with { Role = info.Role | role };
        }
    }

    private static Dictionary<string, double> LoadVader()
    {
        using var stream = typeof(SentimentLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The VADER lexicon resource '{ResourceName}' is missing: the build restores it with npm (see Text/Sentiment/Lexicon.targets).");
        using var reader = new StreamReader(stream);
        var valences = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            // word <TAB> mean <TAB> standard deviation <TAB> the raters' scores
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var rest = line.AsSpan(tab + 1);
            var end = rest.IndexOf('\t');
            if (double.TryParse(end < 0 ? rest : rest[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                valences.TryAdd(line[..tab], valence);
            }
        }

        return valences;
    }
}
