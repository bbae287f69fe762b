namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>Wakes the invitation scheduler when an invitation that is due now is committed.</summary>
public sealed class InvitationSignal : IDisposable
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
