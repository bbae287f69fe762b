using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// The demo workspace's alert rules ("Detractor follow-up": NPS 0-6 to the agent who handled the
/// customer; "Churn risk": the churn signal, urgent, in turn over the Returns team) and the cases they
/// open for the last week's feedback, fired through the same code as live data. The rules are made
/// now, so the worker never reads the demo's history again; the past week is fired here.
/// </summary>
public static class DemoCases
{
    public const int Days = 7;

    public static async Task AddAsync(TouchpointDbContext seeding, Guid workspaceId, CancellationToken ct = default)
    {
        // The seeder's context came from the app's container: its scope factory gives each firing a scope in the workspace.
        var services = seeding.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
            ?? throw new InvalidOperationException("The demo cases need the app's services.");
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;

        List<AlertRule> rules;
        List<AlertItem> items;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            var returns = await db.Teams.Where(t => t.Name == "Returns").Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
            // The support call belongs to the Returns team: detractors there nobody handled by name go to its queue.
            await db.TouchPoints.Where(t => t.Name == "Support call")
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.OwnerTeamId, returns), ct);
            rules =
            [
                new AlertRule
                {
                    Name = "Detractor follow-up",
                    Trigger = AlertTrigger.Response,
                    Conditions = AlertConditions.Serialize([AlertPresets.All["npsDetractor"]]),
                    Priority = CasePriority.High,
                    Assignment = CaseAssignment.HandlingAgent,
                    CreatedAt = now,
                    UpdatedAt = now,
                },
                new AlertRule
                {
                    Name = "Churn risk",
                    Trigger = AlertTrigger.Response,
                    Conditions = AlertConditions.Serialize([new AlertCondition { Kind = AlertConditionKinds.Signal, Value = "churn" }]),
                    Priority = CasePriority.Urgent,
                    Assignment = returns is null ? CaseAssignment.Unassigned : CaseAssignment.RoundRobin,
                    TeamId = returns,
                    CreatedAt = now,
                    UpdatedAt = now,
                },
            ];
            db.AlertRules.AddRange(rules);
            await db.SaveChangesAsync(ct);
            var since = now.AddDays(-Days);
            var recent = await db.Responses.AsNoTracking().Where(r => r.Status == ResponseStatus.Completed && r.SubmittedAt >= since)
                .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).ToListAsync(ct);
            items = await AlertFacts.OfResponsesAsync(db, recent, ct);
        }

        foreach (var item in items)
        {
            foreach (var rule in rules.Where(r => AlertMatcher.Matches(AlertConditions.Read(r.Conditions), item)))
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
                var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                var current = await db.AlertRules.FirstAsync(r => r.Id == rule.Id, ct);
                await scope.ServiceProvider.GetRequiredService<AlertFirer>().FireAsync(current, item, ct);
            }
        }
    }
}
