using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Touchpoint.Core.Data;

/// <summary>
/// A data-context hook around every save, the same for SaveChanges and SaveChangesAsync: override
/// what runs before the save, after it succeeded, and after it failed.
/// </summary>
public abstract class SaveHook : SaveChangesInterceptor
{
    /// <summary>Before the save, with its changes not yet detected when the context detects them itself.</summary>
    protected virtual void BeforeSave(DbContext context)
    {
    }

    protected virtual void AfterSave(DbContext context)
    {
    }

    protected virtual void AfterFailure(DbContext context)
    {
    }

    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Run(eventData.Context, BeforeSave);
        return result;
    }

    public sealed override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Run(eventData.Context, BeforeSave);
        return ValueTask.FromResult(result);
    }

    public sealed override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Run(eventData.Context, AfterSave);
        return result;
    }

    public sealed override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Run(eventData.Context, AfterSave);
        return ValueTask.FromResult(result);
    }

    public sealed override void SaveChangesFailed(DbContextErrorEventData eventData) => Run(eventData.Context, AfterFailure);

    public sealed override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(eventData.Context, AfterFailure);
        return Task.CompletedTask;
    }

    private static void Run(DbContext? context, Action<DbContext> hook)
    {
        if (context is not null)
        {
            hook(context);
        }
    }
}
