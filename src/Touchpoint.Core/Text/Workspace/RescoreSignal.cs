using Touchpoint.Core.Data;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>Wakes the re-scorer on this node when a taxonomy or classifier was saved.</summary>
public sealed class RescoreSignal : WakeSignal;
