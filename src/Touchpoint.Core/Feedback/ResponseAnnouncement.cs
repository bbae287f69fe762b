using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Announces completed responses from whichever path saved them (survey page, REST submit, import):
/// one hook on the data context, so none of them needs to know.
/// <list type="bullet">
/// <item>When the workspace is known to have no <c>response.completed</c> webhook (most have none),
/// the response is saved already announced and goes on the live feed right after the save: one write
/// per answer, not two.</item>
/// <item>Otherwise it is saved unannounced and <see cref="ResponseNotifier"/> is woken to queue its
/// webhooks and feed it, in a transaction of its own.</item>
/// </list>
/// Saves inside a longer transaction, and bulk updates, are caught by the notifier's poll instead.
/// </summary>
public sealed class ResponseAnnouncement(WebhookSubscriptions subscriptions, ResponseFeed feed, ResponseSignal signal)
    : SaveHook
{
    /// <summary>The responses a save in progress marked announced, per data context, to feed once saved.</summary>
    private readonly ConditionalWeakTable<DbContext, List<Response>> _announcing = [];

    protected override void BeforeSave(DbContext context)
    {
        List<Response>? announcing = null;
        foreach (var entry in CompletedUnannounced(context))
        {
            if (subscriptions.KnownToHaveNone(entry.Entity.WorkspaceId))
            {
                entry.Property(r => r.Notified).CurrentValue = true;
                (announcing ??= []).Add(entry.Entity);
            }
        }

        if (announcing is not null)
        {
            _announcing.AddOrUpdate(context, announcing);
        }
    }

    protected override void AfterSave(DbContext context)
    {
        if (_announcing.TryGetValue(context, out var announced))
        {
            _announcing.Remove(context);
            foreach (var response in announced)
            {
                feed.Publish(ResponseFeed.Item.Of(response));
            }
        }

        if (CompletedUnannounced(context).Count > 0)
        {
            signal.Notify();
        }
    }

    protected override void AfterFailure(DbContext context) => _announcing.Remove(context);

    private static List<EntityEntry<Response>> CompletedUnannounced(DbContext context)
    {
        // Entries<T>() would detect changes first: around a save there is nothing new to detect, and a
        // second scan of a large import's entities would cost.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<Response>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged
                    && e.Entity is { Status: ResponseStatus.Completed, Notified: false })
                .ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
