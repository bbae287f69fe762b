using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Feedback;

/// <summary>
/// A completed response wakes the notifier at once, whatever path saved it: with its poll set to an
/// hour, the response is still announced (webhooks queued) right after it is stored.
/// </summary>
public sealed class ResponseNotifierWakeTests(ResponseNotifierWakeTests.Fixture fixture) : IClassFixture<ResponseNotifierWakeTests.Fixture>
{
    /// <summary>Apps whose notifier polls only hourly: only the wake-up can announce a response in time.</summary>
    public sealed class Fixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) => new Dictionary<string, string?>
        {
            ["Touchpoint:ResponseNotifier:PollSeconds"] = "3600",
        };
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SubmitResponse_NotifierPollsHourly_IsAnnouncedAtOnce(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");

        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.SubmitAsync(survey, 6 + i)).GetInt64("id"));
        }

        await Eventually.HoldsAsync(() => workspace.QueryAsync(db => db.Responses.Where(r => ids.Contains(r.Id)).AllAsync(r => r.Notified)),
            "each response to be announced without waiting for the poll");
    }
}
