namespace Touchpoint.Core.Text.Emotions;

/// <summary>Per token: how many exclamation marks end its sentence, and whether a "but" follows it in
/// the same sentence (VADER's observation: the clause after "but" is what the writer means).</summary>
internal readonly record struct ClauseFacts(byte Exclamations, bool ButFollows)
{
    public static ClauseFacts[] Compute(string lower, List<CueToken> tokens, ref ClauseFacts[]? cache)
    {
        if (cache is null || cache.Length < tokens.Count)
        {
            cache = new ClauseFacts[Math.Max(64, tokens.Count)];
        }

        var facts = cache;
        byte exclamations = 0;
        var inEnd = false;
        var butSeen = false;
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            var token = tokens[i];
            if (token.Kind == CueKind.SentenceEnd)
            {
                if (!inEnd)
                {
                    inEnd = true;
                    exclamations = 0;
                    butSeen = false;
                }

                if (lower[token.Start] == '!' && exclamations < 255)
                {
                    exclamations++;
                }

                facts[i] = default;
                continue;
            }

            inEnd = false;
            facts[i] = new ClauseFacts(exclamations, butSeen);
            if (token.Kind == CueKind.Word && CueTokenizer.Span(lower, token) is "but")
            {
                butSeen = true;
            }
        }

        return facts;
    }
}
