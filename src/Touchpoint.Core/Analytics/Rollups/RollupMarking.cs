using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// Marks the rollups a save changes, in the save itself (same transaction, so a crash loses no mark):
/// one <see cref="RollupMark"/> per workspace and UTC date of the completed answers added, completed,
/// changed or deleted, and a mark for each analysed text, label, conversation team, touch point stage or
/// survey that a score's dimensions read. A group-commit batch of answers adds one small row per workspace
/// and date, not one per answer, and nothing is computed here: <see cref="RollupMaintainer"/> does that
/// after the commit. Bulk updates (ExecuteUpdate/ExecuteDelete) that touch what rollups read add their
/// marks themselves (<see cref="RollupMarks"/>).
/// </summary>
public sealed class RollupMarking(RollupSignal signal) : SaveHook
{
    private readonly ConditionalWeakTable<DbContext, object> _marked = [];
    private static readonly object Marker = new();

    protected override void BeforeSave(DbContext context)
    {
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        if (detect)
        {
            // The save would detect them right after this; a label added to a text's collection is only tracked then.
            tracker.DetectChanges();
        }

        tracker.AutoDetectChangesEnabled = false;
        HashSet<(Guid, RollupMarkKind, DateTime?, long?, Guid?)>? marks = null;
        try
        {
            foreach (var entry in tracker.Entries().ToList())
            {
                foreach (var mark in MarksOf(entry))
                {
                    (marks ??= []).Add(mark);
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }

        if (marks is null)
        {
            return;
        }

        foreach (var (workspace, kind, day, row, conversation) in marks)
        {
            context.Add(new RollupMark { WorkspaceId = workspace, Kind = kind, UtcDay = day, RowId = row, ConversationId = conversation });
        }

        _marked.AddOrUpdate(context, Marker);
    }

    protected override void AfterSave(DbContext context)
    {
        if (_marked.TryGetValue(context, out _))
        {
            _marked.Remove(context);
            signal.Notify();
        }
    }

    protected override void AfterFailure(DbContext context) => _marked.Remove(context);

    private static IEnumerable<(Guid, RollupMarkKind, DateTime?, long?, Guid?)> MarksOf(EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case Response r:
                return ResponseMarks(entry, r);
            case AnalyzedText t when t.ResponseId is not null || t.Response is not null:
                // Analyses saved with their new response are covered by the response's own mark.
                if (t.Response is { } parent && entry.Context.Entry(parent).State == EntityState.Added)
                {
                    return [];
                }

                return Changed(entry) && t.ResponseId is { } responseId
                    ? [(t.WorkspaceId, RollupMarkKind.Response, null, responseId, null)]
                    : [];
            case TextLabel l when l.Kind == TextLabelKind.Topic:
                // A new text's labels have no key yet: the text's own mark covers them.
                return Changed(entry) && !entry.Property(nameof(TextLabel.AnalyzedTextId)).IsTemporary
                    ? [(l.WorkspaceId, RollupMarkKind.Text, null, l.AnalyzedTextId, null)]
                    : [];
            case Conversation c when entry.State is EntityState.Deleted
                || (Changed(entry) && entry.State == EntityState.Modified && entry.Property(nameof(Conversation.TeamId)).IsModified):
                return [(c.WorkspaceId, RollupMarkKind.Conversation, null, null, c.Id)];
            case TouchPoint p when entry.State is EntityState.Deleted
                || (Changed(entry) && entry.State == EntityState.Modified && entry.Property(nameof(TouchPoint.StageId)).IsModified):
                return [(p.WorkspaceId, RollupMarkKind.Workspace, null, null, null)];
            case JourneyStage s when entry.State == EntityState.Deleted:
                return [(s.WorkspaceId, RollupMarkKind.Workspace, null, null, null)];
            case Team t when entry.State == EntityState.Deleted:
                // Its conversations lose their team in the database, not in this context.
                return [(t.WorkspaceId, RollupMarkKind.Workspace, null, null, null)];
            case Survey s when entry.State == EntityState.Deleted:
                return [(s.WorkspaceId, RollupMarkKind.Workspace, null, null, null)];
            default:
                return [];
        }
    }

    /// <summary>True when the entry will write (changes were detected above, or by a context that detects them itself).</summary>
    private static bool Changed(EntityEntry entry) => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    private static IEnumerable<(Guid, RollupMarkKind, DateTime?, long?, Guid?)> ResponseMarks(EntityEntry entry, Response r)
    {
        if (!Changed(entry))
        {
            yield break;
        }

        var submitted = entry.Property(nameof(Response.SubmittedAt));
        var status = entry.Property(nameof(Response.Status));
        if (entry.State == EntityState.Added)
        {
            if (r.Status == ResponseStatus.Completed)
            {
                yield return Day(r.WorkspaceId, r.SubmittedAt);
            }

            yield break;
        }

        var wasCompleted = (ResponseStatus)status.OriginalValue! == ResponseStatus.Completed;
        if (entry.State == EntityState.Deleted)
        {
            if (wasCompleted)
            {
                yield return Day(r.WorkspaceId, (DateTime)submitted.OriginalValue!);
            }

            yield break;
        }

        // A partial response saving its pages changes nothing a score reads.
        if (!wasCompleted && r.Status != ResponseStatus.Completed)
        {
            yield break;
        }

        yield return Day(r.WorkspaceId, (DateTime)submitted.OriginalValue!);
        if (submitted.IsModified)
        {
            yield return Day(r.WorkspaceId, r.SubmittedAt);
        }
    }

    private static (Guid, RollupMarkKind, DateTime?, long?, Guid?) Day(Guid workspace, DateTime at) =>
        (workspace, RollupMarkKind.Day, UtcDate(at), null, null);

    public static DateTime UtcDate(DateTime at) => DateTime.SpecifyKind(at.ToUniversalTime().Date, DateTimeKind.Utc);
}
