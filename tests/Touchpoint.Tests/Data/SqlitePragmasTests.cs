using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Data;

/// <summary>Every SQLite connection, new or reused from the pool, is durable (WAL, synchronous=FULL) and enforces foreign keys.</summary>
[Collection(AppCollection.Name)]
public sealed class SqlitePragmasTests(AppFixture fixture)
{
    [Theory, OnSqlite]
    public async Task OpenConnection_FirstAndPooledReopen_KeepDurabilityAndForeignKeys(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        for (var open = 0; open < 3; open++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            await db.Database.OpenConnectionAsync();
            Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
            Assert.Equal("2", await PragmaAsync(db, "synchronous"));
            Assert.Equal("1", await PragmaAsync(db, "foreign_keys"));
            Assert.Equal("5000", await PragmaAsync(db, "busy_timeout"));
        }
    }

    private static async Task<string> PragmaAsync(TouchpointDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }
}
