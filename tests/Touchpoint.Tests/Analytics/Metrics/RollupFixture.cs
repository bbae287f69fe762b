using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Metrics;

/// <summary>An app whose rollup maintainer does not run by itself: the tests step it, so they decide what is stale.</summary>
public sealed class RollupFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) => new Dictionary<string, string?>
    {
        ["Touchpoint:Rollups:RunMaintainer"] = "false",
        ["Touchpoint:Rollups:RebuildDays"] = "9",
    };
}
