using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Customers;

/// <summary>Arranging customers for tests: through the REST API as a client would, or as rows when a test needs fixed times.</summary>
internal static class Customers
{
    public static Task<JsonElement> CreateCustomerAsync(this HttpClient client, object body) =>
        client.PostJsonAsync("/api/v1/customers", body, HttpStatusCode.Created);

    public static async Task<JsonElement> PatchAsync(this HttpClient client, string url, string json, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PatchAsync(url, Api.Json(json));
        return await response.ExpectAsync(expected);
    }

    /// <summary>Adds customer rows directly, each with the given creation time.</summary>
    public static Task<List<Guid>> AddRowsAsync(this TestWorkspace workspace, params Customer[] customers) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            foreach (var c in customers)
            {
                c.UpdatedAt = c.CreatedAt;
            }

            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            return customers.Select(c => c.Id).ToList();
        });

    public static List<Guid> Ids(this JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetGuid("id")).ToList();
}
