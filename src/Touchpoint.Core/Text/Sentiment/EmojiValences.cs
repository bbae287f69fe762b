using System.Collections.Frozen;
using System.Text;

namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// Valences for common emoji, on VADER's -4..+4 scale, looked up by the emoji's base code point (skin tones
/// and variation selectors do not change the feeling). The project wrote this list; the lexicon package has
/// text emoticons but no emoji. "😂" counts as laughter, which is how customers mostly use it.
/// </summary>
internal static class EmojiValences
{
    private static readonly FrozenDictionary<int, double> Valences = new (string Emoji, double Valence)[]
    {
        ("😀", 2.5), ("😃", 2.5), ("😄", 2.5), ("😁", 2.3), ("😆", 2.3), ("😅", 1.0), ("🤣", 2.5), ("😂", 2.0), ("🙂", 1.5), ("😊", 2.4),
        ("😇", 2.0), ("🥰", 3.0), ("😍", 3.0), ("🤩", 3.0), ("😘", 2.5), ("😗", 1.5), ("😚", 2.0), ("😙", 1.5), ("😋", 2.0), ("😛", 1.2),
        ("😜", 1.5), ("🤪", 1.2), ("😝", 1.2), ("🤑", 1.0), ("🤗", 2.3), ("🤭", 0.8), ("🤔", -0.2), ("🤐", -0.5), ("🤨", -0.8), ("😐", -0.3),
        ("😑", -0.6), ("😶", -0.3), ("😏", 0.3), ("😒", -1.6), ("🙄", -1.5), ("😬", -1.0), ("😌", 1.5), ("😔", -1.8), ("😪", -1.2),
        ("😷", -1.2), ("🤒", -1.5), ("🤕", -1.5), ("🤢", -2.2), ("🤮", -2.6), ("😵", -1.3), ("🤯", -1.0), ("😎", 2.0), ("🤓", 0.8),
        ("😕", -1.4), ("😟", -1.8), ("🙁", -1.6), ("☹", -2.0), ("😮", -0.2), ("😯", -0.2), ("😳", -0.6), ("🥺", -0.8), ("😦", -1.5),
        ("😧", -1.7), ("😨", -2.0), ("😰", -2.1), ("😥", -1.7), ("😢", -2.2), ("😭", -2.5), ("😱", -2.0), ("😖", -2.1), ("😣", -1.9),
        ("😞", -2.1), ("😓", -1.6), ("😩", -2.2), ("😫", -2.2), ("🥱", -0.8), ("😤", -2.0), ("😡", -2.9), ("😠", -2.6), ("🤬", -3.0),
        ("👿", -2.4), ("💩", -2.0), ("🤡", -1.2), ("👍", 1.8), ("👎", -1.8), ("👏", 2.0), ("🙌", 2.2), ("🙏", 1.5), ("💪", 1.5),
        ("❤", 2.8), ("♥", 2.5), ("💕", 2.8), ("💖", 2.8), ("💗", 2.6), ("💙", 2.4), ("💚", 2.4), ("💛", 2.4), ("💜", 2.4), ("🧡", 2.4),
        ("💔", -2.8), ("🔥", 1.5), ("✨", 1.2), ("🎉", 2.5), ("🥳", 2.6), ("⭐", 1.5), ("🌟", 1.8), ("💯", 2.0), ("✅", 1.2), ("❌", -1.5),
        ("⚠", -1.0), ("😻", 2.5), ("😿", -2.0), ("😺", 1.8), ("😸", 2.0), ("😹", 1.8), ("😈", -0.5), ("🤦", -1.8), ("😴", -0.3),
        ("☺", 2.0), ("💋", 1.8), ("🌹", 1.5), ("🎁", 1.6), ("🏆", 2.0), ("🥇", 2.0), ("👌", 1.8), ("✌", 1.2), ("🤝", 1.5), ("😿", -2.0),
    }.DistinctBy(e => e.Emoji).ToFrozenDictionary(e => Rune.GetRuneAt(e.Emoji, 0).Value, e => e.Valence);

    /// <summary>The valence of the emoji token, or NaN when the list does not know it (it then counts as neutral).</summary>
    public static double Of(ReadOnlySpan<char> emoji) =>
        Rune.DecodeFromUtf16(emoji, out var rune, out _) == System.Buffers.OperationStatus.Done && Valences.TryGetValue(rune.Value, out var v)
            ? v
            : double.NaN;
}
