using Touchpoint.Core.Customers;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Tests.Tracking;

/// <summary>
/// Remembered users expire spread over the second half of the lifetime, never after it: users first
/// seen together must not all need their profiles read again in the same instant.
/// </summary>
public sealed class KnownUsersExpiryTests
{
    private sealed class SteppingClock : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;
    }

    [Fact]
    public void UsersRememberedTogether_ExpireSpreadOverTheSecondHalfOfTheLifetime()
    {
        var clock = new SteppingClock();
        var known = new KnownUsers(clock);
        var workspace = Guid.NewGuid();
        var users = Enumerable.Range(0, 1000).Select(i => $"user-{i}").ToList();
        foreach (var user in users)
        {
            known.Remember(workspace, user, new Customer { Id = Guid.NewGuid(), WorkspaceId = workspace });
        }

        int Remembered(TimeSpan after)
        {
            clock.Ticks = after.Ticks;
            return users.Count(u => known.TryGet(workspace, u, out _));
        }

        Assert.Equal(1000, Remembered(KnownUsers.Lifetime * 0.49));
        var atThreeQuarters = Remembered(KnownUsers.Lifetime * 0.75);
        Assert.InRange(atThreeQuarters, 350, 650);
        Assert.Equal(0, Remembered(KnownUsers.Lifetime));
    }
}
