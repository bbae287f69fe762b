namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// "Something under these rollups changed": written in the same transaction as the change (by
/// <see cref="RollupMarking"/> or explicitly by bulk updates), removed by <see cref="RollupMaintainer"/> in the
/// transaction that brings the rollups up to date. While one exists, readers compute its day from raw rows.
/// </summary>
public sealed class RollupMark
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public RollupMarkKind Kind { get; set; }

    /// <summary>For <see cref="RollupMarkKind.Day"/>: the UTC date (midnight UTC) of the answers that changed.</summary>
    public DateTime? UtcDay { get; set; }

    /// <summary>The response (<see cref="RollupMarkKind.Response"/>) or analysed text (<see cref="RollupMarkKind.Text"/>) that changed.</summary>
    public long? RowId { get; set; }

    /// <summary>For <see cref="RollupMarkKind.Conversation"/>: a conversation whose team changed.</summary>
    public Guid? ConversationId { get; set; }
}

public enum RollupMarkKind
{
    /// <summary>Answers submitted on a UTC date changed (the local days it overlaps are rebuilt).</summary>
    Day,

    /// <summary>Whatever a response's analysis says changed (its day is found when the mark is handled).</summary>
    Response,

    /// <summary>The labels of an analysed text changed.</summary>
    Text,

    /// <summary>The team of a conversation changed: the responses that followed it move teams.</summary>
    Conversation,

    /// <summary>Something every day depends on changed (a touch point's stage): rebuild the workspace.</summary>
    Workspace,
}
