namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>What a team manager sees: scores per team and per agent of their teams, and their teams' open cases.</summary>
public sealed record TeamFigures(IReadOnlyList<GroupScores> Teams, IReadOnlyList<GroupScores> Agents, IReadOnlyList<OpenCase> OpenCases,
    int OpenCaseCount);

/// <summary>One team or agent: the key a filter takes (team id, agent name), a label, and NPS, CSAT and CES.</summary>
public sealed record GroupScores(string Key, string Label, IReadOnlyList<MetricScore> Scores);

/// <summary>An open case as a dashboard lists it.</summary>
public sealed record OpenCase(Guid Id, int Number, string Title, string Status, string Priority, DateTime CreatedAt);
