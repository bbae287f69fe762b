namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// Whether a customer may be asked now: send at <see cref="SendAt"/> (now, or when quiet hours end),
/// or not at all, for <see cref="Reason"/>.
/// </summary>
public sealed record ContactDecision(DateTime SendAt, string? Reason)
{
    public bool Suppressed => Reason is not null;

    public static ContactDecision Send(DateTime at) => new(at, null);

    public static ContactDecision Suppress(DateTime at, string reason) => new(at, reason);
}
