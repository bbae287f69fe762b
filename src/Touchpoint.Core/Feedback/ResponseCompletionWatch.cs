using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Wakes <see cref="ResponseNotifier"/> after any save that leaves a completed, unannounced response:
/// one hook on the data context, so every way of completing a response (survey page, REST submit,
/// trigger, import) gets its webhooks and live-feed line at once without each knowing. Saves inside
/// a longer transaction, and bulk updates, are caught by the notifier's poll instead.
/// </summary>
public sealed class ResponseCompletionWatch(ResponseSignal signal) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Just saved: nothing is left to detect, and a second scan of a large import's entities would cost.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<Response>().Any(e => e.Entity is { Status: ResponseStatus.Completed, Notified: false }))
            {
                signal.Notify();
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
