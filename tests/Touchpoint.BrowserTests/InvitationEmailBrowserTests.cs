using System.Net;
using System.Text.Json;
using System.Web;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.BrowserTests;

/// <summary>A customer opens the invitation email and clicks a score.</summary>
public sealed class InvitationEmailBrowserTests
{
    [ChromiumTheory(NeedsSmtpSink = true), OnSqlite, OnPostgres]
    public async Task InvitationEmail_ClickAScore_OpensTheSurveyWithItChosenAndStoresItOnlyWhenSent(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var app = await BrowserApp.StartAsync(provider, sink.Settings);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        using var rules = await api.PutAsync("/api/v1/contact-rules",
            Api.Json("""{"quarantineDays":30,"quietHoursStart":null,"quietHoursEnd":null}"""));
        await rules.ExpectAsync(HttpStatusCode.OK);
        var survey = await api.CreateSurveyAsync("nps", "Delivery NPS");
        var email = $"customer-{Guid.NewGuid():N}@example.test";
        await api.PostJsonAsync($"/api/v1/surveys/{survey.GetGuid("id")}/invitations",
            new { recipients = new[] { new { email, name = "Ana" } } }, HttpStatusCode.OK);
        var mail = await sink.WaitForMessageToAsync(email);
        var page = await app.NewPageAsync();

        await page.SetContentAsync(mail.HtmlBody!);
        var response = await page.RunAndWaitForResponseAsync(() => page.Locator("a[data-score='9']").ClickAsync(),
            r => r.Url.Contains("score=9", StringComparison.Ordinal));
        await page.WaitForURLAsync(url => url.Contains("score=9", StringComparison.Ordinal));

        Assert.NotNull(response);
        Assert.Equal((int)HttpStatusCode.OK, response.Status);
        var query = HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        Assert.Equal("9", query["score"]);
        Assert.False(string.IsNullOrEmpty(query["t"]));
        Assert.StartsWith(new Uri(survey.GetString("publicUrl")!).AbsolutePath, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        var responses = await api.GetJsonAsync($"/api/v1/responses?survey={survey.GetGuid("id")}");
        Assert.Equal(JsonValueKind.Array, responses.GetProperty("items").ValueKind);
        Assert.Empty(responses.GetProperty("items").EnumerateArray());

        // The score clicked in the email is chosen on the page; sending it records the answer, once, for this invitation.
        Assert.True(await page.Locator("input[name='score'][value='9']").IsCheckedAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var answered = await Eventually.ReturnsAsync(async () =>
        {
            var items = (await api.GetJsonAsync($"/api/v1/responses?survey={survey.GetGuid("id")}")).GetProperty("items");
            return items.GetArrayLength() == 1 ? items[0].GetRawText() : null;
        }, "the answer is stored");
        Assert.Equal(9, JsonDocument.Parse(answered).RootElement.GetProperty("score").GetInt32());
        var invitations = await api.GetJsonAsync($"/api/v1/surveys/{survey.GetGuid("id")}/invitations");
        Assert.Equal("responded", invitations.GetProperty("items")[0].GetProperty("status").GetString(), ignoreCase: true);
    }
}
