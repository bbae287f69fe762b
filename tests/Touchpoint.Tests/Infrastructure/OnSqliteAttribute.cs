using System.Reflection;
using Touchpoint.Core.Data;
using Xunit.Sdk;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>Runs a <c>[Theory]</c> on SQLite, always. Pair it with <see cref="OnPostgresAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OnSqliteAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Sqlite]];
}
