using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Surveys.Distribution;

/// <summary>Steps the distribution tests share: contact rules, invitations, triggers.</summary>
internal static class DistributionSteps
{
    /// <summary>No quiet hours, so what a test invites goes out now whatever the time of day it runs.</summary>
    public static Task SetRulesAsync(this HttpClient client, int? quarantineDays = 30, string? quietStart = null, string? quietEnd = null) =>
        client.PutJsonAsync("/api/v1/contact-rules", new { quarantineDays, quietHoursStart = quietStart, quietHoursEnd = quietEnd });

    public static async Task PutJsonAsync(this HttpClient client, string url, object body)
    {
        using var response = await client.PutAsync(url, Api.Json(JsonSerializer.Serialize(body)));
        await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static Task<JsonElement> InviteAsync(this HttpClient client, Guid surveyId, params object[] recipients) =>
        client.PostJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { recipients }, HttpStatusCode.OK);

    /// <summary>The one row of a one-recipient report.</summary>
    public static async Task<JsonElement> InviteOneAsync(this HttpClient client, Guid surveyId, object recipient) =>
        Assert.Single((await client.InviteAsync(surveyId, recipient)).GetProperty("recipients").EnumerateArray());

    public static Task<JsonElement> TriggerAsync(this HttpClient client, Guid surveyId, object body) =>
        client.PostJsonAsync($"/api/v1/surveys/{surveyId}/trigger", body, HttpStatusCode.Accepted);

    public static string Email() => $"customer-{Guid.NewGuid():N}@example.test";

    /// <summary>Waits until the scheduler has written the invitation's email into the outbox.</summary>
    public static Task<SurveyInvitation> SentAsync(this TestWorkspace workspace, Guid invitationId) =>
        Eventually.ReturnsAsync(() => workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.Status == InvitationStatus.Sent && i.OutboxMessageId != null)),
            "the scheduler to send the invitation");
}
