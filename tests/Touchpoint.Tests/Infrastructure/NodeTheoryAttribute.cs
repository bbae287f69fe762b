namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// A theory that needs Node.js and npm (real JavaScript client libraries). Without them the test is
/// skipped with the reason on a developer's machine, and runs (and fails) under <c>CI=true</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NodeTheoryAttribute : TheoryAttribute
{
    public NodeTheoryAttribute()
    {
        if (TestEnvironment.NodeUnavailableReason is { } reason && !TestEnvironment.IsCi)
        {
            Skip = $"{reason}; under CI=true this fails instead";
        }
    }
}
