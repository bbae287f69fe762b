using System.Collections.Frozen;

namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// Words a key phrase may hold inside ("waste of money") but never start or end with: English function
/// words and the fillers of feedback ("really", "just", "thing"). Written by the project for this use.
/// </summary>
internal static class KeyPhraseStopWords
{
    public static readonly FrozenSet<string> Words = new[]
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "below", "between", "both", "but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "done",
        "down", "during", "each", "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "getting", "got", "had", "has",
        "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it",
        "its", "itself", "just", "let", "like", "lot", "made", "make", "many", "may", "me", "might", "more", "most", "much", "must", "my",
        "myself", "never", "no", "nor", "not", "now", "of", "off", "ok", "okay", "on", "once", "one", "only", "or", "other", "our", "ours",
        "ourselves", "out", "over", "own", "please", "quite", "rather", "really", "same", "say", "said", "see", "she", "should", "since",
        "so", "some", "still", "such", "than", "thank", "thanks", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
        "these", "they", "thing", "things", "this", "those", "though", "through", "to", "too", "under", "until", "up", "us", "very", "was",
        "way", "we", "well", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "within", "without",
        "would", "yes", "yet", "you", "your", "yours", "yourself", "yourselves", "s", "t", "d", "ll", "m", "re", "ve", "don", "didn",
        "doesn", "isn", "wasn", "weren", "won", "wouldn", "couldn", "shouldn", "hasn", "haven", "hadn", "aren", "ain", "im", "ive", "dont",
        "cant", "wont", "didnt", "doesnt", "isnt", "wasnt", "go", "going", "went", "come", "came", "took", "take", "want", "wanted", "need",
        "needed", "know", "think", "bit", "etc", "anyway", "always", "already", "another", "anything", "everything", "nothing", "something",
        "someone", "everyone", "today", "yesterday",
    }.ToFrozenSet(StringComparer.Ordinal);
}
