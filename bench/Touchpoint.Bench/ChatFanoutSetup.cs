using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Touchpoint.Bench;

/// <summary>
/// Touchpoint's side of chat-fanout, set up as a customer would: a web-chat inbox through the inbox
/// API, the bootstrap admin made its agent and online, visitor conversations started through the
/// widget's public endpoint, and the agent's session cookie from the sign-in page.
/// </summary>
internal static partial class ChatFanoutSetup
{
    private const int StartConcurrency = 8;

    public sealed record Prepared(IReadOnlyList<VisitorChat> Chats, string AgentCookie);

    public static async Task<Prepared> PrepareAsync(TouchpointHost host, int size)
    {
        var agent = await AgentIdAsync(host.Client);
        using (var created = await host.Client.PostAsJsonAsync("/api/v1/inboxes",
            new { name = "Bench chat", kind = "webChat", assignment = "manual", agents = new[] { agent } }))
        {
            var inbox = await ExpectAsync(created, HttpStatusCode.Created, "create the inbox");
            var widgetKey = inbox.GetProperty("widgetKey").GetString()!;
            using (var status = await host.Client.PutAsJsonAsync($"/api/v1/agents/{agent}/status", new { presence = "online", capacity = 100 }))
            {
                await ExpectAsync(status, HttpStatusCode.OK, "set the agent online");
            }

            var chats = await StartChatsAsync(host.BaseAddress, widgetKey, size);
            return new Prepared(chats, await SignInAsync(host.BaseAddress));
        }
    }

    private static async Task<Guid> AgentIdAsync(HttpClient api)
    {
        using var response = await api.GetAsync(new Uri("/api/v1/agents", UriKind.Relative));
        var page = await ExpectAsync(response, HttpStatusCode.OK, "list the agents");
        return page.GetProperty("items").EnumerateArray()
            .First(a => a.GetProperty("email").GetString() == TouchpointHost.AdminEmail).GetProperty("userId").GetGuid();
    }

    /// <summary>Starts <paramref name="size"/> anonymous chats as the widget does (no key, no cookie), a few at a time.</summary>
    private static async Task<IReadOnlyList<VisitorChat>> StartChatsAsync(Uri baseAddress, string widgetKey, int size)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(1) };
        var chats = new VisitorChat[size];
        var next = -1;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, StartConcurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < size; i = Interlocked.Increment(ref next))
            {
                using var response = await http.PostAsJsonAsync($"/chat/{widgetKey}/conversations", new { });
                var started = await ExpectAsync(response, HttpStatusCode.Created, "start a chat");
                chats[i] = new VisitorChat(started.GetProperty("conversationId").GetGuid(), started.GetProperty("visitorToken").GetString()!);
            }
        }));
        Console.WriteLine($"  touchpoint: {size} chats started through the widget endpoint in {clock.Elapsed.TotalSeconds:0.0} s");
        return chats;
    }

    /// <summary>Signs the admin in through /signin, as a browser does, and returns the Cookie header for the hub.</summary>
    private static async Task<string> SignInAsync(Uri baseAddress)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        var html = await http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var token = WebUtility.HtmlDecode(TokenInput().Match(html).Groups["v"].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = TouchpointHost.AdminEmail,
            ["Password"] = TouchpointHost.AdminPassword,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await http.PostAsync(new Uri("/signin", UriKind.Relative), form);
        var cookie = cookies.GetCookieHeader(baseAddress);
        if (!cookie.Contains("touchpoint.auth", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in the bench agent failed: HTTP {(int)response.StatusCode}.");
        }

        return cookie;
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"Could not {what}: HTTP {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<v>[^\"]*)\"")]
    private static partial Regex TokenInput();
}
