using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Work;

/// <summary>Who may read and who may work cases: read keys and analysts read, only case handlers change.</summary>
[Collection(AppCollection.Name)]
public sealed class CasePermissionTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ReadOnlyKeyAndAnalyst_CanReadCases_ButNotChangeThem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var version = (await CaseData.OpenAsync(client, new { title = "Read only" })).GetGuid("version");
        var readKey = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var reader = workspace.ClientWithKey(readKey.PlainKey);

        await reader.GetJsonAsync("/api/v1/cases/1");
        using (var patch = await CaseData.PatchAsync(reader, "1", new { title = "Changed" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        }

        using (var act = await CaseData.ActAsync(reader, "1", new { action = "note", body = "x" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, act.StatusCode);
        }

        using (var create = await reader.PostAsync("/api/v1/cases", Api.Json("""{"title":"x"}""")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        }

        var analyst = await workspace.AddMemberAsync(WorkspaceRole.Analyst);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(analyst.Email!, TestWorkspace.Password);
        var (page, html) = await session.GetAsync("/cases/1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Add note", html, StringComparison.Ordinal);
        var (note, _) = await session.PostAsync("/cases/1?handler=Note",
            PageSession.Form(("Body", "sneaky"), ("__RequestVerificationToken", PageSession.AntiforgeryToken(html)!)));
        Assert.NotEqual("/cases/1", note.Headers.Location?.OriginalString);
        Assert.Equal(version, await workspace.QueryAsync(db => db.Cases.Select(c => c.Version).SingleAsync()));
        Assert.Equal(1, await workspace.QueryAsync(db => db.CaseActivities.CountAsync()));
    }
}
