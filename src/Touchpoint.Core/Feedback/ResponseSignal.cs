using Touchpoint.Core.Data;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Wakes <see cref="ResponseNotifier"/> as soon as a response is completed, instead of at its next
/// poll (<see cref="ResponseAnnouncement"/> notifies after the commit).
/// </summary>
public sealed class ResponseSignal : WakeSignal;
