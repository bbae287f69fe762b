using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// A person using the server-rendered pages over real HTTP: cookies are kept, redirects are not
/// followed (tests assert them), and forms are posted with the antiforgery token the page rendered.
/// </summary>
public sealed partial class PageSession : IDisposable
{
    public PageSession(TouchpointFactory app)
    {
        Client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    public HttpClient Client { get; }

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens <paramref name="pageUrl"/>, then posts its form with <paramref name="fields"/> and the page's antiforgery token.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> SubmitAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields,
        string? postUrl = null)
    {
        var (page, html) = await GetAsync(pageUrl);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"Expected the form page {pageUrl} to open, got {(int)page.StatusCode}.");
        var token = AntiforgeryToken(html) ?? throw new InvalidOperationException($"{pageUrl} rendered no antiforgery token.");
        return await PostAsync(postUrl ?? pageUrl, fields.Append(new("__RequestVerificationToken", token)));
    }

    /// <summary>Posts a form exactly as given: no token is added.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        var response = await Client.PostAsync(url, content);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in through /signin; returns where the app sent the browser.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var (response, html) = await SubmitAsync("/signin", Form(("Email", email), ("Password", password)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} failed: {(int)response.StatusCode} {Text(html)}");
        return response;
    }

    public static IEnumerable<KeyValuePair<string, string>> Form(params (string Name, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value));

    public static string? AntiforgeryToken(string html)
    {
        var input = TokenInput().Match(html);
        return input.Success ? WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups["v"].Value) : null;
    }

    /// <summary>The page's visible text, roughly: tags dropped, entities decoded, whitespace collapsed.</summary>
    public static string Text(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex("value=\"(?<v>[^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
