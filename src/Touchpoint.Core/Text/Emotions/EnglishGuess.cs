namespace Touchpoint.Core.Text.Emotions;

/// <summary>
/// Is this text English enough to score? The word lists are English, so a French or Russian comment
/// would be mis-read ("horrible", "sale"): such texts are marked not scored and return nothing.
/// Two cheap tests: most letters are Latin, and English function words are not outnumbered by those
/// of the other languages customers here write in (Spanish, French, German, Italian, Portuguese, Dutch).
/// Words shared between them or with English ("a", "no", "me", "in", "die", "van", "war", "con", "eu")
/// are in neither list, and one foreign function word is not enough: "Smelly van" stays English.
/// </summary>
internal static class EnglishGuess
{
    private static readonly System.Collections.Frozen.FrozenSet<string> English = System.Collections.Frozen.FrozenSet.ToFrozenSet(
        "the i i'm it's is was were you your my me we our they them this that and to of for with on at be been have has had not but so it an are am can will would could just very really".Split(' '),
        StringComparer.Ordinal);

    private static readonly System.Collections.Frozen.FrozenSet<string> Other = System.Collections.Frozen.FrozenSet.ToFrozenSet(
        ("el la los las que y por para muy pero es mi una está estoy estaba fue " +
         "le les des et est je suis pas une très mais pour avec du au nous vous c'est j'ai " +
         "der das und ist nicht ich sehr mit zu ein eine aber mein meine wir sie " +
         "il che non sono molto ho della questo è " +
         "não muito uma foi " +
         "het een niet zeer ik en dat zijn").Split(' '),
        StringComparer.Ordinal);

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup = English.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OtherLookup = Other.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsEnglish(string lower, List<CueToken> tokens)
    {
        var latin = 0;
        var accented = 0;
        var letters = 0;
        foreach (var c in lower)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (c < 0x250)
                {
                    latin++;
                    if (c > 0x7F)
                    {
                        accented++;
                    }
                }
            }
        }

        if (letters == 0)
        {
            return true; // emoji or punctuation only: nothing to mis-read, emoji still count
        }

        if (latin < letters * 0.7)
        {
            return false;
        }

        var english = 0;
        var other = 0;
        foreach (var token in tokens)
        {
            if (token.Kind != CueKind.Word)
            {
                continue;
            }

            var word = CueTokenizer.Span(lower, token);
            if (EnglishLookup.Contains(word))
            {
                english++;
            }
            else if (OtherLookup.Contains(word))
            {
                other++;
            }
        }

        // Accented letters beyond Latin-1 punctuation ("déçu", "wütend") with no English word: not English.
        return !(other > english && other >= 2) && !(english == 0 && accented > 0);
    }
}
