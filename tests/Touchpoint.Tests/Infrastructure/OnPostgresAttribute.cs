using System.Reflection;
using Touchpoint.Core.Data;
using Xunit.Sdk;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// Runs a <c>[Theory]</c> on PostgreSQL when <c>TOUCHPOINT_TEST_POSTGRES</c> is set. Without it the
/// case is skipped with the reason, except under <c>CI=true</c>: there it runs and fails, because
/// <see cref="TouchpointFactory"/> refuses to start without a database.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OnPostgresAttribute : DataAttribute
{
    public OnPostgresAttribute()
    {
        if (TestEnvironment.PostgresConnectionString is null && !TestEnvironment.IsCi)
        {
            Skip = $"PostgreSQL not configured: set {TestEnvironment.PostgresVariable}, " +
                "e.g. \"Host=localhost;Username=postgres;Password=postgres\" (under CI=true this fails instead)";
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Postgres]];
}
