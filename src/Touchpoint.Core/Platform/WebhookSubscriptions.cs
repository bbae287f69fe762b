using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Platform;

/// <summary>
/// Whether a workspace has an active <c>response.completed</c> webhook, remembered for a few seconds
/// per node. Most workspaces have none, and then a completed answer is stored already announced and
/// told to the live feed directly, without a second write (<see cref="Feedback.ResponseAnnouncement"/>).
/// The answer paths fill it in before they save (<see cref="LearnAsync"/>); so does the notifier, which
/// reads the webhooks anyway. A webhook saved on this node forgets its
/// workspace's entry at once (<see cref="NodeCacheEviction"/>); on other nodes a new webhook receives
/// the answers completed from at most <see cref="Lifetime"/> after it was created.
/// </summary>
public sealed class WebhookSubscriptions(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ShortLivedCache<Guid, bool> _cache = new(clock, Lifetime);

    /// <summary>True only when the workspace is known to have no subscriber; false when it has one or nobody knows.</summary>
    public bool KnownToHaveNone(Guid workspaceId) => _cache.TryGet(workspaceId, out var any) && !any;

    /// <summary>
    /// Reads the context's workspace's webhooks when this node does not know them (once per lifetime):
    /// called before a completed answer is saved, so that the save can announce it itself.
    /// </summary>
    public async Task LearnAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var workspace = db.CurrentWorkspaceId;
        if (_cache.TryGet(workspace, out _))
        {
            return;
        }

        var stamp = _cache.Stamp;
        var subscribed = await db.Webhooks.AsNoTracking().Where(w => w.Active).Select(w => w.Events).ToListAsync(ct);
        _cache.Remember(workspace, subscribed.Any(events => WebhookEvents.Parse(events).Contains(WebhookEvents.ResponseCompleted)), stamp);
    }

    public long Stamp => _cache.Stamp;

    public void Remember(Guid workspaceId, bool anySubscriber, long stamp) => _cache.Remember(workspaceId, anySubscriber, stamp);

    public void Forget(Guid workspaceId) => _cache.Forget(workspaceId);
}
