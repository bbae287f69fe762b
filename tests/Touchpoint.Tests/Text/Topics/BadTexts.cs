using System.Text;

namespace Touchpoint.Tests.TextAnalysis.Topics;

/// <summary>The inputs every text engine must survive without an exception (issue #6, "Bad input").</summary>
public static class BadTexts
{
    public static TheoryData<string, string?> All()
    {
        var random = new Random(6);
        var binary = new byte[4096];
        random.NextBytes(binary);
        var chars = new char[2048];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0, 0x10000);
        }

        return new TheoryData<string, string?>
        {
            { "null", null },
            { "empty", "" },
            { "whitespace", "   \t\r\n  " },
            { "one megabyte", string.Concat(Enumerable.Repeat("my card has not arrived and I want a refund ", 1_048_576 / 44)) },
            { "one megabyte without spaces", new string('x', 1_048_576) },
            { "binary as latin1", Encoding.Latin1.GetString(binary) },
            { "random UTF-16 with lone surrogates", new string(chars) },
            { "lone high surrogate", "refund \uD83D please" },
            { "emoji only", "😡😡😡 👎👎 🙂" },
            { "mixed scripts", "Доставка late 配達が遅い التسليم متأخر delivery καθυστέρηση" },
            { "other language", "Die Lieferung kam viel zu spät und niemand hat geantwortet." },
            { "symbols only", "!!! ??? *** ### $$$ %%% ^^^" },
            { "control characters", "\0\u0001\u0002\u001b[31mred\u001b[0m\u007f" },
            { "combining marks only", "\u0301\u0301\u0301\u0308\u0308" },
        };
    }
}
