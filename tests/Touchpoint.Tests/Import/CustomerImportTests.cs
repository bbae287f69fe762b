using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Import;

/// <summary>POST /api/v1/customers/import: CSV rows become profiles, and the report says what happened to each row.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerImportTests(AppFixture fixture)
{
    private const string Url = "/api/v1/customers/import";

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_NewChangedAndSameRows_CreatesUpdatesAndSkipsThem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.ImportAsync(Url, "externalId,email,name,plan\nc1,ann@example.test,Ann,free\nc2,bob@example.test,Bob,free\n");

        var report = await client.ImportAsync(Url,
            "externalId,email,name,plan\nc1,ann@example.test,Ann,pro\nc2,bob@example.test,Bob,free\nc3,cy@example.test,Cy,free\n");

        Assert.Equal(3, report.Count("rowsRead"));
        Assert.Equal(1, report.Count("created"));
        Assert.Equal(1, report.Count("updated"));
        Assert.Equal(1, report.Count("unchanged"));
        Assert.Equal(0, report.Count("failed"));
        var customers = await workspace.QueryAsync(db => db.Customers.AsNoTracking().OrderBy(c => c.ExternalId).ToListAsync());
        Assert.Equal(["c1", "c2", "c3"], customers.Select(c => c.ExternalId));
        Assert.Equal("pro", JsonNode.Parse(customers[0].Traits)!["plan"]!.GetValue<string>());
        Assert.Equal("ann@example.test", customers[0].Email);
        Assert.Equal("Ann", customers[0].Name);
        var planIndex = await workspace.QueryAsync(db => db.CustomerTraits.AsNoTracking()
            .Where(t => t.CustomerId == customers[0].Id && t.Key == "plan").Select(t => t.Text).ToListAsync());
        Assert.Equal(["pro"], planIndex);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_DryRun_ReportsWhatWouldHappenAndWritesNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.ImportAsync(Url, "externalId,name\nc1,Ann\n");

        var report = await client.ImportAsync($"{Url}?dryRun=true", "externalId,name\nc1,Annie\nc2,Bob\nc2,Bobby\n,Nobody\n");

        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(4, report.Count("rowsRead"));
        Assert.Equal(1, report.Count("created"));
        Assert.Equal(2, report.Count("updated"));
        Assert.Equal(1, report.Count("failed"));
        Assert.Equal(5, Assert.Single(report.Errors()).Line);
        var names = await workspace.QueryAsync(db => db.Customers.AsNoTracking().Select(c => c.Name).ToListAsync());
        Assert.Equal(["Ann"], names);
        var audit = await workspace.QueryAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "customers.imported"));
        Assert.Equal(1, audit);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_SameFileTwice_SecondRunChangesNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        const string csv = "external_id,email,country,city,latitude,longitude,seats,consent_email,lifecycleStage\n" +
                           "c1,ann@example.test,nl,Amsterdam,52.37,4.89,12,yes,use\n" +
                           "c2,bob@example.test,US,Austin,30.27,-97.74,3,no,purchase\n";
        await client.ImportAsync(Url, csv);
        var before = await workspace.QueryAsync(db => db.Customers.AsNoTracking().OrderBy(c => c.ExternalId).Select(c => c.UpdatedAt).ToListAsync());

        var again = await client.ImportAsync(Url, csv);

        Assert.Equal(2, again.Count("unchanged"));
        Assert.Equal(0, again.Count("created") + again.Count("updated"));
        var customers = await workspace.QueryAsync(db => db.Customers.AsNoTracking().OrderBy(c => c.ExternalId).ToListAsync());
        Assert.Equal(before, customers.Select(c => c.UpdatedAt));
        Assert.Equal(("NL", "Amsterdam", 52.37, 4.89), (customers[0].Country, customers[0].City, customers[0].Latitude, customers[0].Longitude));
        Assert.Equal((true, LifecycleStage.Use), (customers[0].Consent.Email, customers[0].LifecycleStage));
        Assert.Equal((false, -97.74), (customers[1].Consent.Email, customers[1].Longitude));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_RowWithBrokenQuoting_IsReportedWithItsLineAndTheRowsAroundItAreImported(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        const string csv = "externalId,name,note\n" +
                           "c1,Ann,fine\n" +
                           "c2,\"Bob,unclosed quote\n" +
                           "c3,Cy,fine\n" +
                           "c4,\"Di \"the\" boss\",stray quotes\n" +
                           "c5,\"Ed, Jr.\",\"multi\nline note\"\n" +
                           "c6,Flo,\"quoted\"\n";

        var report = await client.ImportAsync(Url, csv);

        var errors = report.Errors();
        Assert.Equal([3, 5], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Contains("quot", e.Message, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(4, report.Count("created"));
        var customers = await workspace.QueryAsync(db => db.Customers.AsNoTracking().OrderBy(c => c.ExternalId).ToListAsync());
        Assert.Equal(["c1", "c3", "c5", "c6"], customers.Select(c => c.ExternalId));
        Assert.Equal("Ed, Jr.", customers[2].Name);
        Assert.Equal("multi\nline note", JsonNode.Parse(customers[2].Traits)!["note"]!.GetValue<string>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_Latin1File_IsRefusedNamingTheLineUnlessTheEncodingIsGiven(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var latin1 = Encoding.Latin1.GetBytes("externalId,name,city\nc1,Ann,Paris\nc2,Zoë Müller,Köln\n");

        using var refused = await client.PostCsvAsync(Url, latin1);
        var problem = await Problem.AssertFieldAsync(refused, HttpStatusCode.BadRequest, "encoding");
        using var accepted = await client.PostCsvAsync($"{Url}?encoding=latin1", latin1);
        var report = await accepted.ExpectAsync(HttpStatusCode.OK);

        var message = problem.GetProperty("errors").GetProperty("encoding")[0].GetString()!;
        Assert.Contains("line 3", message, StringComparison.Ordinal);
        Assert.Contains("latin1", message, StringComparison.Ordinal);
        Assert.Equal(2, report.Count("created"));
        var c2 = await workspace.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.ExternalId == "c2"));
        Assert.Equal(("Zoë Müller", "Köln"), (c2.Name, c2.City));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_Utf8WithByteOrderMark_ReadsTheFirstColumnName(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        byte[] file = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("externalId,name\nc1,Zoë\n")];

        using var response = await client.PostCsvAsync(Url, file);
        var report = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, report.Count("created"));
        Assert.Equal("Zoë", await workspace.QueryAsync(db => db.Customers.AsNoTracking().Select(c => c.Name).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_ExplicitMapping_OverridesHeadersAndTypesTraitValues(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        const string csv = "Customer number,E-mail address,Seats,Active,Zip,Tier,Internal note,Tags\n" +
                           "A-1,ann@example.test,12,TRUE,01234,gold,do not show,\"[\"\"vip\"\",\"\"beta\"\"]\"\n" +
                           "A-2,bob@example.test,2.5,false,90210,,secret,\n";
        var url = $"{Url}?map={Uri.EscapeDataString("Customer number=externalId,Tier=trait:loyaltyTier,Internal note=ignore")}";

        var report = await client.ImportAsync(url, csv);

        Assert.Equal(2, report.Count("created"));
        var customers = await workspace.QueryAsync(db => db.Customers.AsNoTracking().OrderBy(c => c.ExternalId).ToListAsync());
        Assert.Equal(["A-1", "A-2"], customers.Select(c => c.ExternalId));
        Assert.Equal("ann@example.test", customers[0].Email);
        var ann = JsonNode.Parse(customers[0].Traits)!.AsObject();
        Assert.Equal(12, ann["Seats"]!.GetValue<int>());
        Assert.True(ann["Active"]!.GetValue<bool>());
        Assert.Equal("01234", ann["Zip"]!.GetValue<string>());
        Assert.Equal("gold", ann["loyaltyTier"]!.GetValue<string>());
        Assert.Equal(["vip", "beta"], ann["Tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.False(ann.ContainsKey("Internal note"));
        Assert.False(ann.ContainsKey("Tier"));
        var bob = JsonNode.Parse(customers[1].Traits)!.AsObject();
        Assert.Equal(2.5, bob["Seats"]!.GetValue<double>());
        Assert.False(bob["Active"]!.GetValue<bool>());
        Assert.False(bob.ContainsKey("loyaltyTier"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_BadCells_FailTheirRowNamingTheColumn_AndGoodRowsAreKept(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        const string csv = "externalId,email,latitude,longitude,lifecycleStage,country,consent_email\n" +
                           "c1,not-an-email,,,,,\n" +
                           "c2,bob@example.test,north,4.8,,,\n" +
                           "c3,cy@example.test,,,loyal,,\n" +
                           "c4,di@example.test,,,,Netherlands,\n" +
                           "c5,ed@example.test,,,,,maybe\n" +
                           "c6,flo@example.test,52.1,5.1,advocacy,NL,true\n" +
                           "c7,gus@example.test,120,5,,,\n" +
                           "c8,gus@example.test,,,,,,extra\n";

        var report = await client.ImportAsync(Url, csv);

        Assert.Equal(8, report.Count("rowsRead"));
        Assert.Equal(1, report.Count("created"));
        Assert.Equal(7, report.Count("failed"));
        Assert.Equal(
            [(2, "email"), (3, "latitude"), (4, "lifecycleStage"), (5, "country"), (6, "consent_email"), (8, "latitude"), (9, "row")],
            report.Errors().Select(e => (e.Line, e.Column)));
        var stored = await workspace.QueryAsync(db => db.Customers.AsNoTracking().Select(c => c.ExternalId).ToListAsync());
        Assert.Equal(["c6"], stored);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_ExistingProfileKnownByEmail_IsMatchedAndGetsTheExternalId(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.ImportAsync(Url, "email,name\nann@example.test,Ann\n");

        var byEmail = await client.ImportAsync(Url, "email,plan\nANN@example.test,pro\n");
        var withId = await client.ImportAsync(Url, "externalId,email\nc1,ann@example.test\n");

        Assert.Equal(1, byEmail.Count("updated"));
        Assert.Equal(1, withId.Count("updated"));
        var customer = await workspace.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync());
        Assert.Equal(("c1", "Ann"), (customer.ExternalId, customer.Name));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_UnusableFile_Is400NamingWhatToFix(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        using var empty = await client.PostCsvAsync(Url, "");
        using var noHeader = await client.PostCsvAsync(Url, "c1,Ann,Amsterdam\nc2,Bob,Austin\n");
        using var badMap = await client.PostCsvAsync($"{Url}?map=Nope%3DexternalId", "externalId,name\nc1,Ann\n");
        using var badField = await client.PostCsvAsync($"{Url}?map=name%3Dshoe_size", "externalId,name\nc1,Ann\n");
        using var badEncoding = await client.PostCsvAsync($"{Url}?encoding=ebcdic", "externalId,name\nc1,Ann\n");

        await Problem.AssertFieldAsync(empty, HttpStatusCode.BadRequest, "file");
        await Problem.AssertFieldAsync(noHeader, HttpStatusCode.BadRequest, "file");
        await Problem.AssertFieldAsync(badMap, HttpStatusCode.BadRequest, "map");
        await Problem.AssertFieldAsync(badField, HttpStatusCode.BadRequest, "map");
        await Problem.AssertFieldAsync(badEncoding, HttpStatusCode.BadRequest, "encoding");
        Assert.Equal(0, await workspace.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_MultipartUpload_ReadsTheFileField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("externalId,name\nc1,Ann\nc2,Bob\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "customers.csv");

        using var response = await client.PostAsync(Url, form);
        var report = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, report.Count("created"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_ReadOnlyKey_IsForbidden_AndKeysOnlyTouchTheirOwnWorkspace(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var first = await TestWorkspace.CreateAsync(app);
        var second = await TestWorkspace.CreateAsync(app);
        var readKey = await first.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var reader = first.ClientWithKey(readKey.PlainKey);
        using var firstClient = first.Client();
        using var secondClient = second.Client();
        await firstClient.ImportAsync(Url, "externalId,name\nshared-1,In first\n");

        using var forbidden = await reader.PostCsvAsync(Url, "externalId,name\nc9,Nope\n");
        var report = await secondClient.ImportAsync(Url, "externalId,name\nshared-1,In second\n");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(1, report.Count("created"));
        Assert.Equal(["In first"], await first.QueryAsync(db => db.Customers.Select(c => c.Name).ToListAsync()));
        Assert.Equal(["In second"], await second.QueryAsync(db => db.Customers.Select(c => c.Name).ToListAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_MoreRowsThanABatch_WritesThemAllAndCapsTheErrorList(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var csv = new StringBuilder("externalId,email,score\n");
        for (var i = 0; i < 2300; i++)
        {
            csv.Append(i % 20 == 0 ? $"b{i},broken-email,{i}\n" : $"c{i},c{i}@example.test,{i}\n");
        }

        var report = await client.ImportAsync(Url, csv.ToString());

        Assert.Equal(2300, report.Count("rowsRead"));
        Assert.Equal(2185, report.Count("created"));
        Assert.Equal(115, report.Count("failed"));
        Assert.Equal(100, report.Errors().Count);
        Assert.Equal(15, report.Count("errorsNotShown"));
        Assert.Equal(2185, await workspace.QueryAsync(db => db.Customers.CountAsync()));
    }
}
