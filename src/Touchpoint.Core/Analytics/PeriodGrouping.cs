namespace Touchpoint.Core.Analytics;

/// <summary>How a trend is cut. Every period is cut in the workspace's time zone.</summary>
public enum PeriodGrouping
{
    Day,
    Week,
    Month,
}
