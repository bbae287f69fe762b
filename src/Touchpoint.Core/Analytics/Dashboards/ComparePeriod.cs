namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>What a dashboard's figures are compared with.</summary>
public enum ComparePeriod
{
    /// <summary>The same number of days just before the period.</summary>
    Previous,
    /// <summary>The same local dates one year earlier (seasonality cancels out).</summary>
    LastYear,
    None,
}
