using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>
/// People's topic labels on the current workspace's analysed texts: kept through re-scoring, and what the
/// classifier learns from. Only a person's labels can be removed; the rules' labels follow the taxonomy.
/// </summary>
public sealed class TopicLabels(TouchpointDbContext db, TimeProvider clock)
{
    public const int MaxTopicLength = 300;

    public enum Removal
    {
        Removed,
        NotFound,
        NotAPersonsLabel,
    }

    /// <summary>Why a topic cannot be a label, or null.</summary>
    public static string? Problem(string? topic) =>
        string.IsNullOrWhiteSpace(topic) ? "Name the topic to put on the text, e.g. \"Billing > Refunds\"."
        : topic.Trim().Length > MaxTopicLength ? $"A topic label is at most {MaxTopicLength} characters."
        : null;

    /// <summary>Adds a person's topic label (or returns the one already there); null when the analysis is not in this workspace.</summary>
    public async Task<TextLabel?> AddAsync(long analysisId, string topic, Guid? person, CancellationToken ct)
    {
        if (!await db.AnalyzedTexts.AnyAsync(t => t.Id == analysisId, ct))
        {
            return null;
        }

        var value = topic.Trim();
        var existing = await db.TextLabels.FirstOrDefaultAsync(
            l => l.AnalyzedTextId == analysisId && l.Kind == TextLabelKind.Topic && l.Origin == LabelOrigin.Person && l.Value == value, ct);
        if (existing is not null)
        {
            return existing;
        }

        var label = new TextLabel
        {
            AnalyzedTextId = analysisId,
            Kind = TextLabelKind.Topic,
            Value = value,
            Origin = LabelOrigin.Person,
            Confidence = 1,
            CreatedBy = person,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.TextLabels.Add(label);
        await db.SaveChangesAsync(ct);
        return label;
    }

    public async Task<Removal> RemoveAsync(long analysisId, long labelId, CancellationToken ct)
    {
        var label = await db.TextLabels.FirstOrDefaultAsync(l => l.Id == labelId && l.AnalyzedTextId == analysisId, ct);
        if (label is null)
        {
            return Removal.NotFound;
        }

        if (label is not { Kind: TextLabelKind.Topic, Origin: LabelOrigin.Person })
        {
            return Removal.NotAPersonsLabel;
        }

        db.TextLabels.Remove(label);
        await db.SaveChangesAsync(ct);
        return Removal.Removed;
    }
}
