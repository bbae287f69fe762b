namespace Touchpoint.Core.Platform;

/// <summary>What a member may do in one workspace. A user can hold a different role in each.</summary>
public enum WorkspaceRole
{
    /// <summary>Everything, including deleting the workspace and managing owners.</summary>
    Owner,
    /// <summary>Configuration, members, keys, every capability.</summary>
    Admin,
    /// <summary>Surveys, journeys, analytics and reports; no member or key management.</summary>
    Analyst,
    /// <summary>Their teams: cases, analytics, coaching, ideas.</summary>
    Manager,
    /// <summary>Front line: inbox, conversations and cases within their authority limit.</summary>
    Agent,
    /// <summary>Answers pulse surveys and shares ideas.</summary>
    Employee,
}
