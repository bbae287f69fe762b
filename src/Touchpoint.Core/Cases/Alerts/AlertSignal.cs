using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>Wakes <see cref="AlertWorker"/> after a commit that brought something rules look at (<see cref="AlertWake"/>).</summary>
public sealed class AlertSignal : WakeSignal;
