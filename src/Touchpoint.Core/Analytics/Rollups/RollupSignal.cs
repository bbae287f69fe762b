using Touchpoint.Core.Data;

namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>Wakes <see cref="RollupMaintainer"/> after a commit that left rollup marks.</summary>
public sealed class RollupSignal : WakeSignal;
