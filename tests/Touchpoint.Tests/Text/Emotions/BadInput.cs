using System.Text;

namespace Touchpoint.Tests.TextAnalysis.Emotions;

/// <summary>Texts no analyser may throw on: empty, null, 1 MB, binary, lone surrogates, emoji only,
/// mixed scripts, control characters.</summary>
public static class BadInput
{
    public static TheoryData<string?> Texts()
    {
        var random = new Random(6);
        var binary = new char[4096];
        for (var i = 0; i < binary.Length; i++)
        {
            binary[i] = (char)random.Next(0, 0x10000);
        }

        var megabyte = new StringBuilder();
        while (megabyte.Length < 1_000_000)
        {
            megabyte.Append("I was not happy, had to call three times!!! Cancel my account ASAP. Anna was great 😡 ");
        }

        return new TheoryData<string?>
        {
            null,
            "",
            "   \t\n ",
            megabyte.ToString(),
            new string(binary),
            "\0\0\0\u0001\u0002",
            "\uD83D",
            "\uDE00 lone low surrogate and text",
            "😡😡😡🤢🤮😱",
            "🙂",
            "Great service 很好 очень хорошо ممتاز",
            "!!!???...,,,;;;",
            "'''---'''",
            new string('a', 100_000),
            "I'm" + new string('!', 5000),
        };
    }
}
