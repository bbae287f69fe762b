using Touchpoint.Core.Data;

namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>Wakes the invitation scheduler when an invitation that is due now is committed.</summary>
public sealed class InvitationSignal : WakeSignal;
