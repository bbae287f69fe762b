using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform;

/// <summary>Several nodes on one database accept each other's sign-in cookies: the key ring lives in the database.</summary>
public sealed class SharedKeyRingTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SignInCookie_IssuedByOneNode_IsAcceptedByAnotherNodeOnTheSameDatabase(DatabaseProvider provider)
    {
        var database = TestDatabase.Create(provider);
        var shared = new Dictionary<string, string?> { ["ConnectionStrings:Touchpoint"] = database.ConnectionString };
        try
        {
            await using var nodeA = AppFixture.Start(new TouchpointFactory(provider, shared));
            await using var nodeB = AppFixture.Start(new TouchpointFactory(provider, shared));
            var workspace = await TestWorkspace.CreateAsync(nodeA);
            using var session = new PageSession(nodeA);
            var signedIn = await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
            var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("touchpoint.auth=", StringComparison.Ordinal)).Split(';')[0];

            using var onB = nodeB.CreateClient(new() { AllowAutoRedirect = false });
            onB.DefaultRequestHeaders.Add("Cookie", cookie);
            using var dashboard = await onB.GetAsync("/");

            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Contains("Dashboard", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // The ring both nodes read is the one in the database, not a folder they happen to share.
            Assert.NotEmpty(await workspace.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync()));
        }
        finally
        {
            await database.DropAsync();
        }
    }
}
