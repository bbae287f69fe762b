using System.Collections.Frozen;

namespace Touchpoint.Core.Text;

/// <summary>
/// Text emoticons the tokenizer keeps whole (otherwise ":-)" would become three punctuation marks). The
/// project wrote this list; the sentiment lexicon gives most of them a valence.
/// </summary>
internal static class TextInputEmoticons
{
    private static readonly FrozenSet<string> Known = new[]
    {
        ":)", ":-)", ":))", ":)))", "(:", "=)", ":]", ":-]", ":}", ":>", ":->", "8)", "8-)", ";)", ";-)", ";))", ";]",
        ":(", ":-(", ":((", ":(((", "):", "=(", ":[", ":-[", ":{", ":<", ":-<", ":'(", ":'-(", ";(", ":/", ":-/", ":\\", ":-\\",
        ":|", ":-|", ":D", ":-D", ";D", "=D", "xD", "XD", "x-D", "X-D", ":P", ":-P", ":p", ":-p", ";P", ";p", "xP", "XP", ":O", ":-O",
        ":o", ":-o", ":*", ":-*", ";*", "<3", "<33", "<333", "</3", "^^", "^_^", "^-^", "-_-", "-.-", "T_T", ";_;", "o_O", "O_o", "o.O",
        ":S", ":-S", ":s", ":$", ">:(", ">:-(", ">:)", "D:", "D8", ":@", ":-@", "B)", "B-)", ":3", ":-3",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsEmoticon(ReadOnlySpan<char> chunk) => chunk.Length is >= 2 and <= 5 && Lookup.Contains(chunk);
}
