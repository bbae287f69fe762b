using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Import;

/// <summary>/customers/import: upload, see the columns, change where one goes, check, import; export links for readers.</summary>
[Collection(AppCollection.Name)]
public sealed partial class ImportPageTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ImportPage_UploadMapCheckAndImport_CreatesTheCustomersAsMapped(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (uploaded, html) = await UploadAsync(session, "Client ref,email,<b>Tier</b>\nc1,ann@example.test,gold\nc2,broken,silver\n");
        var token = TokenField().Match(html).Groups["v"].Value;
        var mapping = PageSession.Form(("Token", token), ("Kind", "customers"), ("Encoding", ""),
            ("Targets[0]", "externalId"), ("Targets[1]", "email"), ("Targets[2]", "trait:tier"));
        var (_, checkedHtml) = await session.PostAsync("/customers/import?handler=check", WithToken(mapping, html));
        var afterCheck = await workspace.QueryAsync(db => db.Customers.CountAsync());
        var (_, importedHtml) = await session.PostAsync("/customers/import?handler=run", WithToken(mapping, checkedHtml));

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Contains("Client ref", PageSession.Text(html), StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Tier&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Tier</b>", html, StringComparison.Ordinal);
        Assert.Matches("<option value=\"email\" selected", html);
        Assert.Contains("Dry run: nothing was written", PageSession.Text(checkedHtml), StringComparison.Ordinal);
        Assert.Equal(0, afterCheck);
        Assert.Contains("Import finished", PageSession.Text(importedHtml), StringComparison.Ordinal);
        Assert.Contains("This is not an email address.", PageSession.Text(importedHtml), StringComparison.Ordinal);
        var customer = await workspace.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync());
        Assert.Equal("c1", customer.ExternalId);
        Assert.Equal("gold", JsonNode.Parse(customer.Traits)!["tier"]!.GetValue<string>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ImportPage_Latin1UploadWithoutEncoding_ShowsWhatToFix(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await UploadAsync(session, Encoding.Latin1.GetBytes("externalId,name\nc1,Zoë\n"));

        Assert.Contains("line 2 has bytes that are not UTF-8", PageSession.Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("Check (dry run)", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ImportPage_AgentMayExportButNotImport(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var owner = workspace.Client();
        await owner.ImportAsync("/api/v1/customers/import", "externalId,name\nc1,Ann\n");
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);

        var (page, html) = await session.GetAsync("/customers/import");
        var (export, csv) = await session.GetAsync("/customers/export/customers?format=csv");
        var (upload, _) = await UploadAsync(session, "externalId\nc2\n", html);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Upload and map columns", html, StringComparison.Ordinal);
        Assert.Contains("/customers/export/customers?format=csv", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("c1", csv, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(1, await workspace.QueryAsync(db => db.Customers.CountAsync()));
    }

    private static Task<(HttpResponseMessage Response, string Html)> UploadAsync(PageSession session, string csv, string? pageHtml = null) =>
        UploadAsync(session, Encoding.UTF8.GetBytes(csv), pageHtml);

    /// <summary>Posts the upload form as a browser does: multipart, with the page's antiforgery token.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> UploadAsync(PageSession session, byte[] csv, string? pageHtml = null)
    {
        pageHtml ??= (await session.GetAsync("/customers/import")).Html;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("customers"), "Kind" },
            { new StringContent(""), "Encoding" },
            { new StringContent(PageSession.AntiforgeryToken(pageHtml) ?? ""), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "customers.csv");
        var response = await session.Client.PostAsync("/customers/import?handler=upload", form);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<KeyValuePair<string, string>> WithToken(IEnumerable<KeyValuePair<string, string>> fields, string html) =>
        fields.Append(new("__RequestVerificationToken", PageSession.AntiforgeryToken(html)!));

    [GeneratedRegex("name=\"Token\" value=\"(?<v>[0-9a-f]{32})\"")]
    private static partial Regex TokenField();
}
