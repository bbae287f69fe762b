namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// A theme found by <see cref="KeyPhrases"/>: its most common wording, a score (only comparable within one
/// call), the number of texts that mention it (and of baseline texts, when there was a baseline), and the
/// other wordings merged into it ("delivery late" into "late delivery").
/// </summary>
public sealed record KeyPhrase(string Phrase, double Score, int Documents, int BaselineDocuments, IReadOnlyList<string> Variants);
