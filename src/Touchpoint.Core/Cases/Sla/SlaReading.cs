namespace Touchpoint.Core.Cases.Sla;

/// <summary>Where one SLA target of a case stands at an instant.</summary>
public enum SlaState
{
    /// <summary>Counting down: the business is open.</summary>
    Running,
    /// <summary>Not counting: outside business hours.</summary>
    Paused,
    Met,
    Breached,
}

/// <summary>
/// One target's clock as people see it: due when, and how much business time is left (negative:
/// overdue by that much), or when it was met or missed. <see cref="ChangesAt"/> is when a running clock
/// pauses or a paused one starts again, so a page can tick without asking the server.
/// </summary>
public sealed record SlaReading(SlaTarget Target, DateTime DueAt, SlaState State, TimeSpan Remaining, DateTime? DoneAt, DateTime? ChangesAt)
{
    /// <summary>The case's targets at <paramref name="now"/>, first response first; none when it has no policy.</summary>
    public static IReadOnlyList<SlaReading> Of(Case found, BusinessClock clock, DateTime now)
    {
        var readings = new List<SlaReading>();
        if (found.FirstResponseDueAt is { } firstDue)
        {
            readings.Add(Read(SlaTarget.FirstResponse, firstDue, found.FirstContactAt, clock, now));
        }

        if (found.ResolutionDueAt is { } resolutionDue)
        {
            var done = found.IsOpen ? null : found.ResolvedAt ?? found.ClosedAt;
            readings.Add(Read(SlaTarget.Resolution, resolutionDue, done, clock, now));
        }

        return readings;
    }

    private static SlaReading Read(SlaTarget target, DateTime due, DateTime? done, BusinessClock clock, DateTime now)
    {
        if (done is { } at)
        {
            return new SlaReading(target, due, at <= due ? SlaState.Met : SlaState.Breached, clock.Between(at, due), at, null);
        }

        var remaining = clock.Between(now, due);
        var (running, until) = clock.StateAt(now);
        var state = now >= due ? SlaState.Breached : running ? SlaState.Running : SlaState.Paused;
        return new SlaReading(target, due, state, remaining, null, until);
    }
}
