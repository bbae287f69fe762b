using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.Chat;

/// <summary>
/// A SignalR client speaking the hub's JSON protocol over a real WebSocket (the .NET SignalR client is
/// not available here): handshake, invocations with completions, server invocations as events, close.
/// Frames end with the record separator 0x1E.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    public const string Path = "/hubs/conversations";
    private const char Separator = '\u001e';

    private readonly WebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<(string Target, JsonElement Arguments)> _events = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private int _nextId;
    private int _disposed;

    private HubTestClient(WebSocket socket)
    {
        _socket = socket;
    }

    /// <summary>The close message's error, or null when the server closed without one.</summary>
    public Task<string?> Closed => _closed.Task;

    /// <summary>A visitor of one conversation, with the token its start returned.</summary>
    public static Task<HubTestClient> VisitorAsync(TouchpointFactory app, Guid conversationId, string visitorToken) =>
        ConnectAsync(app, $"?conversation={conversationId}&visitor={Uri.EscapeDataString(visitorToken)}", null);

    /// <summary>A signed-in member, with their session cookie.</summary>
    public static async Task<HubTestClient> AgentAsync(TouchpointFactory app, string email, string password = TestWorkspace.Password) =>
        await ConnectAsync(app, "", await SignInCookieAsync(app, email, password));

    public static async Task<HubTestClient> ConnectAsync(TouchpointFactory app, string query, string? cookie, string? origin = null, string path = Path)
    {
        var ws = app.Server.CreateWebSocketClient();
        ws.ConfigureRequest = request =>
        {
            if (cookie is not null)
            {
                request.Headers.Cookie = cookie;
            }

            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
        };

        return await HandshakeAsync(await ws.ConnectAsync(new Uri($"ws://localhost{path}{query}"), CancellationToken.None));
    }

    /// <summary>A signed-in member of an app running on Kestrel at <paramref name="baseUrl"/> (browser tests).</summary>
    public static async Task<HubTestClient> AgentAsync(string baseUrl, string email, string password = TestWorkspace.Password)
    {
        var cookies = new CookieContainer();
        using (var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        using (var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) })
        {
            await SignInAsync(http, email, password);
        }

        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookies.GetCookieHeader(new Uri(baseUrl)));
        await socket.ConnectAsync(new Uri(baseUrl.Replace("http", "ws", StringComparison.Ordinal) + Path), CancellationToken.None);
        return await HandshakeAsync(socket);
    }

    private static async Task<HubTestClient> HandshakeAsync(WebSocket socket)
    {
        var client = new HubTestClient(socket);
        await client.SendFrameAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.ReceiveFramesAsync();
        if (handshake.Count == 0 || handshake[0] != "{}")
        {
            throw new InvalidOperationException($"The hub refused the handshake: {string.Join(" ", handshake)}");
        }

        foreach (var early in handshake.Skip(1))
        {
            client.Handle(early);
        }

        _ = client.ReadLoopAsync();
        return client;
    }

    /// <summary>Signs in through /signin and returns the Cookie header the browser would send.</summary>
    public static async Task<string> SignInCookieAsync(TouchpointFactory app, string email, string password)
    {
        var cookies = new CookieContainer();
        using var http = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        await SignInAsync(http, email, password);
        return cookies.GetCookieHeader(new Uri("http://localhost/"));
    }

    private static async Task SignInAsync(HttpClient http, string email, string password)
    {
        var html = await http.GetStringAsync("/signin");
        var token = PageSession.AntiforgeryToken(html) ?? throw new InvalidOperationException("/signin rendered no antiforgery token.");
        using var form = new FormUrlEncodedContent(PageSession.Form(("Email", email), ("Password", password), ("__RequestVerificationToken", token)));
        using var response = await http.PostAsync("/signin", form);
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("touchpoint.auth", StringComparison.Ordinal)),
            $"Sign-in of {email} failed: {(int)response.StatusCode}");
    }

    /// <summary>Calls a hub method; its completion's result, or a <see cref="HubCallException"/> with the server's message.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendFrameAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        var done = await Task.WhenAny(completion.Task, Closed, Task.Delay(Eventually.DefaultTimeout));
        if (done == completion.Task)
        {
            return await completion.Task;
        }

        throw done == Closed
            ? new HubCallException($"The connection closed before {target} completed: {await Closed}")
            : new TimeoutException($"{target} got no completion in {Eventually.DefaultTimeout.TotalSeconds:0} s.");
    }

    /// <summary>Calls a hub method that must fail; returns the server's error message.</summary>
    public async Task<string> FailsAsync(string target, params object?[] arguments)
    {
        var error = await Assert.ThrowsAsync<HubCallException>(() => InvokeAsync(target, arguments));
        return error.Message;
    }

    /// <summary>Waits for the next server invocation of <paramref name="target"/> whose first argument satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> NextAsync(string target, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        while (true)
        {
            lock (_events)
            {
                var index = _events.FindIndex(e => e.Target == target && (match is null || match(e.Arguments[0])));
                if (index >= 0)
                {
                    var found = _events[index].Arguments[0];
                    _events.RemoveAt(index);
                    return found;
                }
            }

            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {Eventually.DefaultTimeout.TotalSeconds:0} s for a '{target}' event, in vain.");
            }
        }
    }

    /// <summary>Every server invocation of <paramref name="target"/> received so far (first arguments).</summary>
    public IReadOnlyList<JsonElement> Received(string target)
    {
        lock (_events)
        {
            return _events.Where(e => e.Target == target).Select(e => e.Arguments[0]).ToList();
        }
    }

    /// <summary>Sends a frame as is (to test what the server does with a malformed or huge one).</summary>
    public Task SendFrameAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReadLoopAsync()
    {
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var frames = await ReceiveFramesAsync();
                if (frames.Count == 0)
                {
                    break;
                }

                foreach (var frame in frames)
                {
                    Handle(frame);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The server went away: Closed completes below.
        }

        _closed.TrySetResult(null);
    }

    private void Handle(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement.Clone();
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                lock (_events)
                {
                    _events.Add((root.GetProperty("target").GetString()!, root.GetProperty("arguments")));
                }

                _arrived.Release();
                break;
            case 3:
                var id = root.GetProperty("invocationId").GetString()!;
                if (_pending.TryRemove(id, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.TrySetException(new HubCallException(error.GetString() ?? "error"));
                    }
                    else
                    {
                        completion.TrySetResult(root.TryGetProperty("result", out var result) ? result : default);
                    }
                }

                break;
            case 7:
                _closed.TrySetResult(root.TryGetProperty("error", out var reason) ? reason.GetString() : null);
                break;
        }
    }

    /// <summary>One WebSocket message, split into its protocol frames; empty when the socket closed.</summary>
    private async Task<List<string>> ReceiveFramesAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, _stop.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return [];
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(message.ToArray()).Split(Separator, StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }

        _socket.Dispose();
        _stop.Dispose();
        _arrived.Dispose();
    }
}

/// <summary>A hub method's error completion, or a connection that closed first.</summary>
public sealed class HubCallException(string message) : Exception(message);
