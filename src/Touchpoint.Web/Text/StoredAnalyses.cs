using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Web.Text;

/// <summary>Reads the stored analyses of a page of responses or messages in one query each.</summary>
internal static class StoredAnalyses
{
    /// <summary>Per response, its analysed answers by question id.</summary>
    public static async Task<Dictionary<long, List<AnalyzedText>>> ForResponsesAsync(TouchpointDbContext db, IReadOnlyCollection<long> responseIds,
        CancellationToken ct)
    {
        if (responseIds.Count == 0)
        {
            return [];
        }

        var rows = await db.AnalyzedTexts.AsNoTracking().Where(t => t.ResponseId != null && responseIds.Contains(t.ResponseId.Value)).ToListAsync(ct);
        return rows.GroupBy(t => t.ResponseId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Id).ToList());
    }

    /// <summary>Per message, its analysis (customer messages only have one).</summary>
    public static async Task<Dictionary<long, AnalyzedText>> ForMessagesAsync(TouchpointDbContext db, IReadOnlyCollection<long> messageIds,
        CancellationToken ct)
    {
        if (messageIds.Count == 0)
        {
            return [];
        }

        return await db.AnalyzedTexts.AsNoTracking().Where(t => t.MessageId != null && messageIds.Contains(t.MessageId.Value))
            .ToDictionaryAsync(t => t.MessageId!.Value, ct);
    }

    /// <summary>The REST shape: question id to analysis.</summary>
    public static Dictionary<string, TextAnalysisDto> ByField(IEnumerable<AnalyzedText>? rows) =>
        rows?.ToDictionary(t => t.Field, TextAnalysisDto.From) ?? [];
}
