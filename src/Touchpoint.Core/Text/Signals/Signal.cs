namespace Touchpoint.Core.Text.Signals;

/// <summary>
/// Something a customer's text asks the team to act on. <see cref="Kind"/> is one of
/// <see cref="SignalKinds"/>; <see cref="Evidence"/> is the matched span of the original text (shown
/// to the agent so the call can be checked); <see cref="Employee"/> is the person's name when a
/// praise or complaint names one ("Anna was fantastic" → "Anna"), otherwise null.
/// </summary>
public sealed record Signal(string Kind, double Confidence, string Evidence, string? Employee);
