using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// Wakes the alert worker after a save that completed a response, stored a tracked event, or
/// resolved or rated a conversation, whichever path saved it. It only looks at what the save already
/// tracks: no query, nothing added to the ingest paths but a look at their entries. Saves it misses
/// (bulk updates) are found by the worker's poll.
/// </summary>
public sealed class AlertWake(AlertSignal signal) : SaveHook
{
    private readonly ConditionalWeakTable<DbContext, object> _waking = [];
    private static readonly object Marker = new();

    protected override void BeforeSave(DbContext context)
    {
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries())
            {
                if (Interesting(entry.Entity, entry.State))
                {
                    _waking.AddOrUpdate(context, Marker);
                    return;
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static bool Interesting(object entity, EntityState state) => entity switch
    {
        // Changes are not detected yet when the context detects them itself: a changed row may still say Unchanged.
        Response r => state is EntityState.Added or EntityState.Modified or EntityState.Unchanged && r.Status == ResponseStatus.Completed,
        TrackedEvent => state == EntityState.Added,
        Conversation c => state is EntityState.Modified or EntityState.Unchanged && (c.Status == ConversationStatus.Resolved || c.CsatScore is not null),
        _ => false,
    };

    protected override void AfterSave(DbContext context)
    {
        if (_waking.TryGetValue(context, out _))
        {
            _waking.Remove(context);
            signal.Notify();
        }
    }

    protected override void AfterFailure(DbContext context) => _waking.Remove(context);
}
