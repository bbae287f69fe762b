using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Data;

/// <summary>
/// Keeps the per-node memories of surveys (<see cref="LiveSurveys"/>) and webhook subscriptions
/// (<see cref="WebhookSubscriptions"/>) honest: a save that changes or deletes a survey, or adds,
/// changes or deletes a webhook, forgets what it touches. It forgets before the save and again after
/// it, so a request that read the old row while the save was under way cannot keep it.
/// </summary>
public sealed class NodeCacheEviction(LiveSurveys surveys, WebhookSubscriptions subscriptions) : SaveHook
{
    private sealed record Touched(List<Guid> Surveys, List<Guid> WebhookWorkspaces);

    private readonly ConditionalWeakTable<DbContext, Touched> _saving = [];

    protected override void BeforeSave(DbContext context)
    {
        // The interceptor runs before the save detects changes. Detect them here only when the context
        // tracks a survey or webhook at all: most saves track neither, and the save detects anyway.
        var tracker = context.ChangeTracker;
        if (!Tracks<Survey>(tracker) && !Tracks<Webhook>(tracker))
        {
            return;
        }

        if (tracker.AutoDetectChangesEnabled)
        {
            tracker.DetectChanges();
        }

        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var touched = new Touched(
                tracker.Entries<Survey>().Where(e => e.State is EntityState.Modified or EntityState.Deleted).Select(e => e.Entity.Id).ToList(),
                tracker.Entries<Webhook>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                    .Select(e => e.Entity.WorkspaceId).ToList());
            if (touched.Surveys.Count + touched.WebhookWorkspaces.Count > 0)
            {
                _saving.AddOrUpdate(context, touched);
                Forget(touched);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static bool Tracks<T>(ChangeTracker tracker) where T : class
    {
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<T>().Any();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    protected override void AfterSave(DbContext context) => Done(context);

    protected override void AfterFailure(DbContext context) => Done(context);

    private void Done(DbContext context)
    {
        if (_saving.TryGetValue(context, out var touched))
        {
            _saving.Remove(context);
            Forget(touched);
        }
    }

    private void Forget(Touched touched)
    {
        foreach (var id in touched.Surveys)
        {
            surveys.Forget(id);
        }

        foreach (var workspace in touched.WebhookWorkspaces)
        {
            subscriptions.Forget(workspace);
        }
    }
}
