using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Platform;

/// <summary>
/// What a request may do, and who may do it: the roles of signed-in members and the scope of an API
/// key. Every page and endpoint asks for one permission by name (the authorization policy name).
/// </summary>
internal sealed record Permission(string Name, WorkspaceRole[] Roles, string Scope)
{
    private static readonly WorkspaceRole[] Everyone = Enum.GetValues<WorkspaceRole>();

    public static readonly Permission Member = new("member", Everyone, ApiScopes.Read);
    public static readonly Permission ViewFeedback = new("feedback.view",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Analyst, WorkspaceRole.Manager, WorkspaceRole.Agent], ApiScopes.Read);
    public static readonly Permission ViewAnalytics = new("analytics.view",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Analyst, WorkspaceRole.Manager], ApiScopes.Read);
    public static readonly Permission ManageSurveys = new("surveys.manage",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Analyst], ApiScopes.Write);
    public static readonly Permission SubmitResponses = new("responses.submit",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Analyst], ApiScopes.Write);
    public static readonly Permission ManageSegments = new("segments.manage",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Analyst], ApiScopes.Write);
    public static readonly Permission ManageCustomers = new("customers.manage",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Analyst, WorkspaceRole.Manager], ApiScopes.Write);
    /// <summary>Answer, assign and resolve conversations; manage inboxes, teams and canned replies.</summary>
    public static readonly Permission HandleConversations = new("conversations.handle",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Manager, WorkspaceRole.Agent], ApiScopes.Write);
    /// <summary>Deliver inbound email to the email channel: a mail server's or mail provider's key (write scope).</summary>
    public static readonly Permission AnalyzeText = new("text.analyze", Everyone, ApiScopes.Read);
    public static readonly Permission ManageTopics = new("topics.manage",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Analyst], ApiScopes.Write);
    /// <summary>Open, work and resolve cases, and grant remedies within one's own authority.</summary>
    public static readonly Permission HandleCases = new("cases.handle",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Manager, WorkspaceRole.Agent], ApiScopes.Write);
    /// <summary>Alert rules, SLA policies and authority limits.</summary>
    public static readonly Permission ManageCaseRules = new("cases.manage",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Manager], ApiScopes.Write);
    /// <summary>Approve or deny a remedy above the owner's authority.</summary>
    public static readonly Permission ApproveRemedies = new("cases.approve",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Manager], ApiScopes.Write);
    public static readonly Permission ReceiveEmail = new("channels.email.inbound", [WorkspaceRole.Owner, WorkspaceRole.Admin], ApiScopes.Write);
    /// <summary>Edit journeys, stages and touch points, and what maps to them (the journeys module registers its policy).</summary>
    public static readonly Permission ManageJourneys = new("journeys.manage",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Analyst, WorkspaceRole.Manager], ApiScopes.Write);
    public static readonly Permission ManageWorkspace = new("workspace.manage",
        [WorkspaceRole.Owner, WorkspaceRole.Admin], ApiScopes.Admin);
    /// <summary>Make, change and share configurable dashboards (one's own, or shared ones).</summary>
    public static readonly Permission ManageDashboards = new("dashboards.manage",
        [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Analyst, WorkspaceRole.Manager], ApiScopes.Write);

    public static readonly IReadOnlyList<Permission> All =
        [Member, ViewFeedback, ViewAnalytics, ManageSurveys, SubmitResponses, ManageSegments, ManageCustomers, HandleConversations,
        AnalyzeText, ManageTopics, HandleCases, ManageCaseRules, ApproveRemedies, ReceiveEmail, ManageWorkspace,
        ManageDashboards];
}
