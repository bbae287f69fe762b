using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Work;

/// <summary>Customers, teams and cases for the case-work tests, made through the API where one exists.</summary>
internal static class CaseData
{
    public static Task<Guid> CustomerAsync(TestWorkspace workspace, string name = "Ada Lovelace", string? email = null) =>
        workspace.QueryAsync(async db =>
        {
            var customer = new Customer
            {
                Name = name,
                Email = email ?? $"customer-{Guid.NewGuid():N}@example.test",
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });

    public static Task<Guid> TeamAsync(TestWorkspace workspace, string name, params Guid[] members) =>
        workspace.QueryAsync(async db =>
        {
            var team = new Team { Name = name, CreatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            foreach (var member in members)
            {
                db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = member });
            }

            await db.SaveChangesAsync();
            return team.Id;
        });

    public static Task<JsonElement> OpenAsync(HttpClient client, object body) => client.PostJsonAsync("/api/v1/cases", body, HttpStatusCode.Created);

    public static async Task<HttpResponseMessage> PatchAsync(HttpClient client, string id, object body, Guid? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/cases/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, string id, object body) =>
        client.PostAsJsonAsync($"/api/v1/cases/{id}/actions", body);

    public static async Task<JsonElement> ActOkAsync(HttpClient client, string id, object body)
    {
        using var response = await ActAsync(client, id, body);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static IEnumerable<string> History(JsonElement dto) =>
        dto.GetProperty("history").EnumerateArray().Select(a => $"{a.GetString("kind")}: {a.GetString("body")}");
}
