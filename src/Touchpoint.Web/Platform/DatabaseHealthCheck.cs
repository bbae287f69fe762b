using Microsoft.Extensions.Diagnostics.HealthChecks;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Platform;

/// <summary>Ready when the database answers.</summary>
internal sealed class DatabaseHealthCheck(TouchpointDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
