using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Data;

/// <summary>PostgreSQL connections prepare their hot statements unless the operator says otherwise.</summary>
[Collection(AppCollection.Name)]
public sealed class PostgresConnectionTests(AppFixture fixture)
{
    [Fact]
    public void WithPreparedStatements_NotSet_PreparesUpTo64Statements()
    {
        var connection = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPreparedStatements("Host=db;Database=touchpoint;Username=app"));

        Assert.Equal(64, connection.MaxAutoPrepare);
        Assert.Equal("db", connection.Host);
        Assert.Equal("touchpoint", connection.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;MaxAutoPrepare=0")]
    public void WithPreparedStatements_OperatorTurnedItOff_StaysOff(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPreparedStatements(connectionString));

        Assert.Equal(0, connection.MaxAutoPrepare);
    }

    [Theory, OnPostgres]
    public async Task RunningApp_PostgresConnection_AutoPreparesStatements(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();

        var connection = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.Equal(64, connection.MaxAutoPrepare);
    }
}
