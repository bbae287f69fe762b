namespace Touchpoint.Tests.Infrastructure;

/// <summary>Tests that share <see cref="AppFixture"/>'s hosts (default settings).</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
