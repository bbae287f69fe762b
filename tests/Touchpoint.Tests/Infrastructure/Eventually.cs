namespace Touchpoint.Tests.Infrastructure;

/// <summary>Waits for a condition to hold, checking it on a short period, and fails with a message at the timeout.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var limit = timeout ?? DefaultTimeout;
        using var cancel = new CancellationTokenSource(limit);
        using var period = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            try
            {
                await period.WaitForNextTickAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}, in vain.");
            }
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        ReturnsAsync<object>(async () => await condition() ? what : null, what, timeout);
}
