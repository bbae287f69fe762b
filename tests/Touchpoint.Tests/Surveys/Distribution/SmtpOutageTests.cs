using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Surveys.Distribution;

/// <summary>Invitations survive a mail server outage: queued, retried with backoff, delivered once each.</summary>
public sealed class SmtpOutageTests(SmtpOutageTests.Fixture fixture) : IClassFixture<SmtpOutageTests.Fixture>
{
    /// <summary>Apps with a sink of their own: stopping it must not disturb other tests' mail.</summary>
    public sealed class Fixture : AppFixture
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

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task Invite_WhileSmtpIsDown_EveryEmailDeliveredExactlyOnceAfterItReturns(DatabaseProvider provider)
    {
        var (app, sink) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        await client.SetRulesAsync();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var recipients = Enumerable.Range(0, 3).Select(_ => DistributionSteps.Email()).ToList();
        await sink.StopAsync();
        try
        {
            var report = await client.InviteAsync(survey, recipients.Select(email => (object)new { email }).ToArray());
            Assert.Equal(3, report.GetProperty("invited").GetInt32());
            await Eventually.HoldsAsync(async () => await workspace.QueryAsync(db => db.Outbox.AsNoTracking()
                .CountAsync(m => recipients.Contains(m.Recipient) && m.Attempts >= 1 && m.LastError != null && m.LockedUntil == null)) == 3,
                "every invitation to fail once while the mail server is down");
        }
        finally
        {
            await sink.RestartAsync();
        }

        // The first retry comes 15 s after the failure (backoff), so allow for it.
        foreach (var email in recipients)
        {
            await sink.WaitForMessageToAsync(email, TimeSpan.FromSeconds(90));
        }

        // The dispatcher marks a row sent once the server has accepted it, a moment after the sink has it.
        await Eventually.HoldsAsync(async () => await workspace.QueryAsync(db => db.Outbox.AsNoTracking()
            .CountAsync(m => recipients.Contains(m.Recipient) && m.Status == OutboxStatus.Sent)) == 3, "every row to be marked sent");
        var rows = await workspace.QueryAsync(db => db.Outbox.AsNoTracking().Where(m => recipients.Contains(m.Recipient)).ToListAsync());
        Assert.All(recipients, email => Assert.Single(sink.Messages(), m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.All(rows, m => Assert.True(m.Attempts >= 2, $"Attempts: {m.Attempts}"));
    }
}
