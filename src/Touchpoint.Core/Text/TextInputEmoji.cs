using System.Buffers;
using System.Text;

namespace Touchpoint.Core.Text;

/// <summary>
/// Recognises pictographic emoji by code point range, and measures one emoji with what attaches to it
/// (variation selector, skin tone, zero-width-joiner sequences, keycaps), so "👍🏽" is one token.
/// </summary>
internal static class TextInputEmoji
{
    public static bool IsEmoji(int codePoint) =>
        codePoint is >= 0x1F300 and <= 0x1FAFF // pictographs, emoticons, transport, supplemental symbols
            or >= 0x2600 and <= 0x27BF // miscellaneous symbols and dingbats (☹ ☺ ❤ ✨)
            or >= 0x1F000 and <= 0x1F2FF // tiles, cards, enclosed characters
            or 0x2B50 or 0x2B55 or 0x2B06 or 0x2B07 or 0x2B05 or 0x2B1B or 0x2B1C or 0x203C or 0x2049 or 0x3030 or 0x303D;

    private static bool Attaches(int codePoint) =>
        codePoint is 0xFE0F or 0xFE0E or 0x20E3 or >= 0x1F3FB and <= 0x1F3FF or >= 0xE0020 and <= 0xE007F;

    /// <summary>The length in chars of the emoji starting at <paramref name="start"/>, or 0 when none starts there.</summary>
    public static int Measure(ReadOnlySpan<char> text, int start)
    {
        if (Rune.DecodeFromUtf16(text[start..], out var first, out var length) != OperationStatus.Done || !IsEmoji(first.Value))
        {
            return 0;
        }

        var end = start + length;
        while (end < text.Length && Rune.DecodeFromUtf16(text[end..], out var next, out var nextLength) == OperationStatus.Done)
        {
            if (Attaches(next.Value))
            {
                end += nextLength;
            }
            else if (next.Value == 0x200D && end + nextLength < text.Length
                && Rune.DecodeFromUtf16(text[(end + nextLength)..], out var joined, out var joinedLength) == OperationStatus.Done
                && IsEmoji(joined.Value))
            {
                end += nextLength + joinedLength;
            }
            else
            {
                break;
            }
        }

        return end - start;
    }
}
