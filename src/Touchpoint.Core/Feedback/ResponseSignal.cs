namespace Touchpoint.Core.Feedback;

/// <summary>
/// Wakes <see cref="ResponseNotifier"/> as soon as a response is completed, instead of at its next
/// poll. Whoever completes a response calls <see cref="Notify"/> after the commit.
/// </summary>
public sealed class ResponseSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0);

    public void Notify()
    {
        if (_semaphore.CurrentCount == 0)
        {
            _semaphore.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);

    public void Dispose() => _semaphore.Dispose();
}
