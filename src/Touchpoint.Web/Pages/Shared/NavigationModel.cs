using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Shared;

/// <summary>What the layout shows: the workspace, the user, and the capabilities their role may open.</summary>
internal sealed class NavigationModel(WorkspaceSignIn signIn)
{
    public sealed record Item(string Label, string Href, bool Active);

    public sealed record Section(string Title, IReadOnlyList<Item> Items);

    public sealed record View(bool SignedIn, Guid? WorkspaceId, string WorkspaceName, string UserName, WorkspaceRole? Role,
        IReadOnlyList<(Guid Id, string Name, WorkspaceRole Role)> Workspaces, IReadOnlyList<Section> Sections);

    private static readonly (string Section, string Label, string Href, Permission Permission)[] Links =
    [
        ("Measure", "Dashboard", "/", Permission.Member),
        ("Measure", "Dashboards", "/dashboards", Permission.ViewAnalytics),
        ("Measure", "Journeys", "/journeys", Permission.Member),
        ("Measure", "Key drivers", "/insights/drivers", Permission.ViewAnalytics),
        ("Measure", "Outcomes", "/insights/outcomes", Permission.ViewAnalytics),
        ("Listen", "Surveys", "/surveys", Permission.ViewFeedback),
        ("Listen", "Responses", "/responses", Permission.ViewFeedback),
        ("Listen", "Text", "/text", Permission.ViewFeedback),
        ("Customers", "Customers", "/customers", Permission.ViewFeedback),
        ("Customers", "Segments", "/segments", Permission.ViewFeedback),
        ("Customers", "Import and export", "/customers/import", Permission.ViewFeedback),
        ("Engage", "Inbox", "/inbox", Permission.ViewFeedback),
        ("Act", "Cases", "/cases", Permission.ViewFeedback),
        ("Act", "Approvals", "/approvals", Permission.ApproveRemedies),
        ("Act", "Case measures", "/cases/measures", Permission.ViewAnalytics),
        ("Act", "Automations", "/automations", Permission.ManageSurveys),
        ("People", "Employees", "/employees", Permission.Member),
        ("Govern", "Strategy", "/strategy", Permission.Member),
        ("Govern", "Settings", "/settings", Permission.ManageWorkspace),
    ];

    public async Task<View> BuildAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.WorkspaceId() is not { } workspaceId || user.UserId() is not { } userId)
        {
            return new View(false, null, "", "", null, [], []);
        }

        var workspaces = await signIn.WorkspacesOfAsync(userId);
        var path = context.Request.Path.Value ?? "/";
        var sections = Links
            .Where(l => user.Has(l.Permission))
            .GroupBy(l => l.Section)
            .Select(g => new Section(g.Key, g.Select(l => new Item(l.Label, l.Href, IsActive(path, l.Href))).ToList()))
            .ToList();
        var name = workspaces.FirstOrDefault(w => w.Id == workspaceId).Name ?? "";
        return new View(true, workspaceId, name, user.Identity.Name ?? "", user.Role(), workspaces, sections);
    }

    private static bool IsActive(string path, string href) =>
        href == "/" ? path == "/" : path.StartsWith(href, StringComparison.OrdinalIgnoreCase);
}
