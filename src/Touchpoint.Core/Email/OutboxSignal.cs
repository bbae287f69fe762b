using Touchpoint.Core.Data;

namespace Touchpoint.Core.Email;

/// <summary>Wakes the dispatcher as soon as new messages are committed, instead of at its next poll.</summary>
public sealed class OutboxSignal : WakeSignal;
