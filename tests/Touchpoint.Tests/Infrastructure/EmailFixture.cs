using Touchpoint.Core.Data;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// Apps that send their mail to one <see cref="SmtpSink"/>. The sink starts on first use, so a
/// machine without aiosmtpd only fails (under CI) or skips the tests that need it.
/// </summary>
public sealed class EmailFixture : AppFixture
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private SmtpSink? _sink;

    public async Task<(TouchpointFactory App, SmtpSink Sink)> StartAsync(DatabaseProvider provider)
    {
        await _starting.WaitAsync();
        try
        {
            _sink ??= await SmtpSink.StartAsync();
        }
        finally
        {
            _starting.Release();
        }

        return (App(provider), _sink);
    }

    protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) =>
        _sink?.Settings ?? throw new InvalidOperationException("Start the SMTP sink first: call StartAsync.");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        _starting.Dispose();
    }
}
