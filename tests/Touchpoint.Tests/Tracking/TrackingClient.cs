using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Tracking;

/// <summary>Sends tracking calls as a Segment library would, and reads back what the workspace stored.</summary>
public static class TrackingClient
{
    public static async Task<string> CreateWriteKeyAsync(this TestWorkspace workspace, TrackingSource? source = null) =>
        (await workspace.InWorkspaceAsync(services => services.GetRequiredService<ApiKeyService>()
            .CreateAsync("Write key", ApiKeyKind.Write, [], "system", source: source))).PlainKey;

    /// <summary>A client that sends <paramref name="writeKey"/> as the HTTP Basic user name, as Segment's server libraries do.</summary>
    public static HttpClient TrackingClientFor(this TestWorkspace workspace, string? writeKey)
    {
        var client = workspace.App.CreateClient();
        if (writeKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        }

        return client;
    }

    public static ByteArrayContent Gzip(string json, string contentType = "text/plain")
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    public static Task<List<TrackedEvent>> EventsAsync(this TestWorkspace workspace) =>
        workspace.QueryAsync(db => db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public static Task<List<Customer>> CustomersAsync(this TestWorkspace workspace) =>
        workspace.QueryAsync(db => db.Customers.AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync());

    public static Task<List<CustomerIdentity>> IdentitiesAsync(this TestWorkspace workspace) =>
        workspace.QueryAsync(db => db.CustomerIdentities.AsNoTracking().ToListAsync());
}
