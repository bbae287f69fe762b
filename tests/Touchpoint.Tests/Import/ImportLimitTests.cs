using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Import;

/// <summary>Files over Touchpoint:Import:MaxFileBytes are refused with 413, whether or not the client says their size up front.</summary>
public sealed class ImportLimitTests(ImportLimitTests.Fixture fixture) : IClassFixture<ImportLimitTests.Fixture>
{
    private const int Limit = 2000;

    /// <summary>Apps that take import files up to 2,000 bytes.</summary>
    public sealed class Fixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) => new Dictionary<string, string?>
        {
            ["Touchpoint:Import:MaxFileBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_FileOverTheLimit_Is413AndWritesNothing_AFileUnderItIsImported(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var big = Encoding.UTF8.GetBytes("externalId,name\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"c{i},Name {i}\n")));
        var small = Encoding.UTF8.GetBytes("externalId,name\nc1,Ann\n");

        using var withLength = await client.PostCsvAsync("/api/v1/customers/import", big);
        using var chunked = new StreamContent(new NoLengthStream(big));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var withoutLength = await client.PostAsync("/api/v1/customers/import", chunked);
        using var fits = await client.PostCsvAsync("/api/v1/customers/import", small);

        Assert.True(big.Length > Limit);
        await Problem.AssertAsync(withLength, HttpStatusCode.RequestEntityTooLarge);
        await Problem.AssertAsync(withoutLength, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(["c1"], await workspace.QueryAsync(db => db.Customers.Select(c => c.ExternalId).ToListAsync()));
    }

    /// <summary>A body whose length is unknown up front, so it is sent chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
