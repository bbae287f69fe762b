using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Segments;

/// <summary>Rule values are query parameters: hostile text matches nothing, drops nothing and never appears in the SQL.</summary>
[Collection(AppCollection.Name)]
public sealed class RuleInjectionTests(AppFixture fixture)
{
    private static readonly string[] Hostile = ["x' OR 1=1 --", "\"); DROP TABLE \"Customers\"; --", "'; DELETE FROM \"SegmentMembers\"; --"];

    private static object[] HostileRules(string text) =>
    [
        new { type = "trait", key = text, op = "eq", value = "pro" },
        new { type = "trait", key = "plan", op = "eq", value = text },
        new { type = "trait", key = "plan", op = "contains", value = text },
        new { type = "trait", key = "plan", op = "in", values = new[] { text, "x" } },
        new { type = "event", name = text, op = "gte", count = 1 },
        new { type = "region", country = "NL", region = text, city = text },
    ];

    [Theory, OnSqlite, OnPostgres]
    public async Task Preview_HostileKeysValuesAndEventNames_MatchNothingAndDropNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var ana = await workspace.AddCustomerAsync("ana", """{"plan":"pro"}""", c => c.Country = "NL");
        await workspace.AddEventAsync(ana, "Order Completed", DateTime.UtcNow);

        foreach (var text in Hostile)
        {
            foreach (var rule in HostileRules(text))
            {
                Assert.Equal(0, await client.PreviewAsync(rule));
                var segment = await client.CreateSegmentAsync(rule);
                Assert.Empty(await client.MemberExternalIdsAsync(segment.GetGuid("id")));
            }
        }

        Assert.Equal(1, await workspace.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Equal(1, await workspace.QueryAsync(db => db.Events.CountAsync()));
        Assert.Equal(1, await client.PreviewAsync(new { type = "trait", key = "plan", op = "eq", value = "pro" }));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CompiledRule_HostileText_IsSentAsAParameterNotInTheCommandText(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        await workspace.AddCustomerAsync("ana", """{"plan":"pro"}""");
        var recorder = new CommandRecorder();
        var options = new DbContextOptionsBuilder<TouchpointDbContext>();
        DatabaseSetup.Configure(options, provider, app.Database.ConnectionString);
        options.AddInterceptors(recorder);
        var scope = new WorkspaceScope();
        scope.Enter(workspace.Id);
        await using var db = new TouchpointDbContext(options.Options, scope);
        var compiler = new SegmentRuleCompiler(db, DateTime.UtcNow);

        foreach (var text in Hostile)
        {
            var rule = new AllOf([
                new AnyOf([
                    new TraitCondition(text, "eq", System.Text.Json.JsonSerializer.SerializeToElement(text), null),
                    new EventCondition(text, "gte", 1, 30),
                    new RegionCondition(null, text, text),
                ]),
            ]);
            Assert.Equal(0, await db.Customers.Where(compiler.Compile(rule)).CountAsync());
        }

        Assert.NotEmpty(recorder.Commands);
        foreach (var (sql, parameters) in recorder.Commands)
        {
            Assert.DoesNotContain("OR 1=1", sql, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DROP TABLE", sql, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DELETE FROM", sql, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(recorder.Commands.SelectMany(c => c.Parameters), p => p.Contains("DROP TABLE", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Sql, List<string> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => p.Value?.ToString() ?? "").ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => p.Value?.ToString() ?? "").ToList()));
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
