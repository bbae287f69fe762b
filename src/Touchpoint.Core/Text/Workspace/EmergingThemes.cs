using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>
/// What customers of the current workspace started talking about: key phrases of the last
/// <see cref="RecentDays"/> days that are more frequent than in the <see cref="BaselineDays"/> days before.
/// Reads at most <see cref="MaxTexts"/> of the newest texts, so a busy workspace costs a bounded scan.
/// </summary>
public sealed class EmergingThemes(TouchpointDbContext db, TimeProvider clock)
{
    public const int RecentDays = 7;
    public const int BaselineDays = 28;
    public const int MaxTexts = 5_000;

    public async Task<IReadOnlyList<KeyPhrase>> DiscoverAsync(int top, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var recentFrom = now.AddDays(-RecentDays);
        var texts = await RecentTextsAsync(now.AddDays(-RecentDays - BaselineDays), ct);
        return KeyPhrases.Discover(
            texts.Where(t => t.OccurredAt >= recentFrom).Select(t => t.Text),
            texts.Where(t => t.OccurredAt < recentFrom).Select(t => t.Text),
            top);
    }

    /// <summary>The ids of the texts of the whole window that mention the phrase (as the discovery reads words).</summary>
    public async Task<HashSet<long>> MentioningAsync(string phrase, CancellationToken ct)
    {
        var words = Words(phrase);
        var texts = await RecentTextsAsync(clock.GetUtcNow().UtcDateTime.AddDays(-RecentDays - BaselineDays), ct);
        return words.Length == 0
            ? []
            : texts.Where(t => Contains(Words(t.Text), words)).Select(t => t.Id).ToHashSet();
    }

    private async Task<List<(long Id, DateTime OccurredAt, string? Text)>> RecentTextsAsync(DateTime from, CancellationToken ct) =>
        (await db.AnalyzedTexts.AsNoTracking().Include(t => t.Response).Include(t => t.Message)
            .Where(t => t.OccurredAt >= from).OrderByDescending(t => t.OccurredAt).Take(MaxTexts).ToListAsync(ct))
        .Select(t => (t.Id, t.OccurredAt, AnalyzedTextSource.TextOf(t))).ToList();

    private static string[] Words(string? text)
    {
        var normalized = TopicText.Normalize(text);
        var words = new List<string>();
        foreach (var range in TopicText.Words(normalized))
        {
            words.Add(Stem(normalized[range]));
        }

        return [.. words];
    }

    /// <summary>The light plural folding key phrases use, so "late deliveries" finds "late delivery".</summary>
    private static string Stem(string word) =>
        word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    /// <summary>The phrase's words next to each other in any order ("delivery late" is the theme "late delivery" too).</summary>
    private static bool Contains(string[] text, string[] phrase)
    {
        var wanted = phrase.Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i + phrase.Length <= text.Length; i++)
        {
            if (text.Skip(i).Take(phrase.Length).Order(StringComparer.Ordinal).SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }
}
