namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>
/// A metric per touch point (rows) and journey stage (columns, in journey order). A cell is null where
/// no answer falls; a cell with too few answers has a score of null (shown grey).
/// </summary>
public sealed record HeatMap(IReadOnlyList<HeatMapAxis> Stages, IReadOnlyList<HeatMapAxis> TouchPoints,
    IReadOnlyDictionary<(Guid TouchPoint, Guid Stage), MetricScore> Cells)
{
    public MetricScore? Cell(Guid touchPoint, Guid stage) => Cells.GetValueOrDefault((touchPoint, stage));
}

public sealed record HeatMapAxis(Guid Id, string Name);
