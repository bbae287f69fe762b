using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Sla;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Sla;

/// <summary>
/// Hosts whose own SLA worker is off: the tests run the worker themselves with a clock they move, so
/// the real clock never warns or breaches a test's case behind its back.
/// </summary>
public sealed class SlaFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) =>
        new Dictionary<string, string?> { ["Touchpoint:Cases:Sla:Enabled"] = "false" };
}

[CollectionDefinition(Name)]
public sealed class SlaCollection : ICollectionFixture<SlaFixture>
{
    public const string Name = "sla";
}

/// <summary>Opening cases at a chosen time and running the SLA worker at a chosen time.</summary>
internal static class SlaKit
{
    /// <summary>Mon-Fri 09:00-17:00 in Berlin, closed on the given holidays, as the API takes it.</summary>
    public static object OfficeHours(params string[] holidays) => new
    {
        timeZone = "Europe/Berlin",
        days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }
            .ToDictionary(d => d, _ => new[] { new { from = "09:00", to = "17:00" } }),
        holidays,
    };

    public static Task<Case> OpenAsync(TestWorkspace workspace, TimeProvider at, CasePriority priority, string title = "Late delivery",
        Guid? owner = null, Guid? team = null) =>
        workspace.InWorkspaceAsync(services =>
            new CaseOpener(services.GetRequiredService<TouchpointDbContext>(), services.GetRequiredService<CaseSteps>(), at)
                .OpenAsync(new CaseOpener.Request(title, CaseSource.Manual, priority, OwnerId: owner, TeamId: team)));

    public static SlaMonitor Monitor(TouchpointFactory app, TimeProvider clock) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new SlaOptions()), clock, NullLogger<SlaMonitor>.Instance);
}
