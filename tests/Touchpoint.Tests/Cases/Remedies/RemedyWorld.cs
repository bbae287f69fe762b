using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Remedies;

/// <summary>
/// A workspace for remedy tests: an agent who owns a case, a manager, each with an API key of their own
/// (every scope: authority comes from the person, never from the key), and the default limits
/// (agents: credit up to 50, refund up to 100, free upgrade allowed).
/// </summary>
internal sealed partial class RemedyWorld
{
    private RemedyWorld(TestWorkspace workspace, User agent, User manager, string agentKey, string managerKey, Case opened)
    {
        Workspace = workspace;
        Agent = agent;
        Manager = manager;
        AgentKey = agentKey;
        ManagerKey = managerKey;
        Case = opened;
    }

    public TestWorkspace Workspace { get; }
    public User Agent { get; }
    public User Manager { get; }
    public string AgentKey { get; }
    public string ManagerKey { get; }
    public Case Case { get; }

    public static async Task<RemedyWorld> CreateAsync(TouchpointFactory app, string caseTitle = "Parcel arrived broken")
    {
        var workspace = await TestWorkspace.CreateAsync(app);
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var manager = await workspace.AddMemberAsync(WorkspaceRole.Manager);
        var opened = await OpenCaseAsync(workspace, caseTitle, agent.Id);
        using var owner = workspace.Client();
        using var put = await owner.PutAsJsonAsync("/api/v1/authority-limits", new
        {
            limits = new object[]
            {
                new { role = "agent", kind = "credit", maxAmount = 50m },
                new { role = "agent", kind = "refund", maxAmount = 100m },
                new { role = "agent", kind = "free upgrade", maxAmount = (decimal?)null },
                new { role = "manager", kind = "credit", maxAmount = 500m },
            },
        });
        await put.ExpectAsync(HttpStatusCode.OK);
        return new RemedyWorld(workspace, agent, manager, await KeyOfAsync(workspace, agent), await KeyOfAsync(workspace, manager), opened);
    }

    public static Task<Case> OpenCaseAsync(TestWorkspace workspace, string title, Guid? owner, Guid? team = null) =>
        workspace.InWorkspaceAsync(services => services.GetRequiredService<CaseOpener>()
            .OpenAsync(new CaseOpener.Request(title, CaseSource.Manual, OwnerId: owner, TeamId: team)));

    /// <summary>A REST key with every scope, created by <paramref name="user"/>: calls made with it act as them.</summary>
    public static async Task<string> KeyOfAsync(TestWorkspace workspace, User user) =>
        (await workspace.InWorkspaceAsync(services => services.GetRequiredService<ApiKeyService>()
            .CreateAsync($"{user.Email} key", ApiKeyKind.Rest, ApiScopes.All, $"user:{user.Email}", createdBy: user.Id))).PlainKey;

    public HttpClient As(string key) => Workspace.ClientWithKey(key);

    public async Task<Team> TeamAsync(string name, params Guid[] members) =>
        await Workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var team = new Team { Name = name, CreatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            db.TeamMembers.AddRange(members.Select(m => new TeamMember { TeamId = team.Id, UserId = m }));
            await db.SaveChangesAsync();
            return team;
        });

    public Task<List<CaseActivity>> HistoryAsync(Guid? caseId = null) =>
        Workspace.QueryAsync(db => db.CaseActivities.Where(a => a.CaseId == (caseId ?? Case.Id)).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync());

    public Task<List<string>> AuditAsync() =>
        Workspace.QueryAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("remedy.") || e.Action.StartsWith("authority."))
            .OrderBy(e => e.At).Select(e => e.Action + " " + e.Actor + " " + e.Target + " " + e.Details).ToListAsync());

    /// <summary>The approval emails queued for <paramref name="user"/>, newest last.</summary>
    public Task<List<string>> ApprovalEmailsToAsync(User user) =>
        Workspace.QueryAsync(db => db.Outbox.Where(m => m.Recipient == user.Email && m.Subject.StartsWith("Approval needed"))
            .OrderBy(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync());

    /// <summary>The one-time token in an approval email's link.</summary>
    public static string TokenIn(string emailText) => ApprovalLink().Match(emailText) is { Success: true } m
        ? m.Groups["token"].Value
        : throw new InvalidOperationException($"No approval link in: {emailText}");

    [GeneratedRegex(@"/approvals/(?<token>[A-Za-z0-9_\-]{20,})")]
    private static partial Regex ApprovalLink();
}
