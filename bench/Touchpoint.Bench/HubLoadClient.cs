using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Touchpoint.Bench;

/// <summary>
/// One SignalR connection of the chat fan-out load, speaking the hub's JSON protocol over a raw
/// WebSocket (the .NET SignalR client is not in the package mirror): handshake
/// <c>{"protocol":"json","version":1}</c>, invocations (type 1) answered by completions (type 3),
/// server pings (type 6) ignored; every record ends with 0x1E. The same class drives Touchpoint and
/// the echo hub, so both sides are measured by the same client code. Thousands of these live in one
/// process on one core: small buffers, one receive loop each, no per-connection thread.
/// </summary>
internal sealed class HubLoadClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private const string PingFrame = "{\"type\":6}";
    private const string InvocationStart = "{\"type\":1,";
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes(PingFrame + Separator);

    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;
    private long _lastSent = Stopwatch.GetTimestamp();

    private HubLoadClient(ClientWebSocket socket)
    {
        _socket = socket;
    }

    /// <summary>Called for every <c>message</c> the server sends this connection, with its first argument.</summary>
    public Action<JsonElement>? OnMessage { get; set; }

    /// <summary>Completes when the server closes the connection or the socket fails.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Why the connection ended, when it did.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Opens the WebSocket directly (no negotiate round trip) and completes the handshake.</summary>
    public static async Task<HubLoadClient> ConnectAsync(Uri hub, string? cookie, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetBuffer(1024, 1024);
        // SignalR's own pings keep the connection alive; the WebSocket layer's would be extra frames.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", cookie);
        }

        try
        {
            await socket.ConnectAsync(hub, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new HubLoadClient(socket);
        await client.SendRawAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"));
        var handshake = await client.ReceiveFramesAsync(ct);
        if (handshake is null || handshake.Count == 0 || handshake[0] != "{}")
        {
            var answer = handshake is null ? "(closed)" : string.Join(" ", handshake);
            await client.DisposeAsync();
            throw new InvalidOperationException($"The hub refused the handshake: {answer}");
        }

        foreach (var early in handshake.Skip(1))
        {
            client.Handle(early);
        }

        _ = client.ReadLoopAsync();
        return client;
    }

    /// <summary>Ticks (Stopwatch) since this connection last sent anything.</summary>
    public long IdleTicks => Stopwatch.GetTimestamp() - Interlocked.Read(ref _lastSent);

    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Invokes a hub method; completes with its result, or fails with the server's error.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var frame = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = 1,
            invocationId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            target,
            arguments,
        });
        try
        {
            await SendRawAsync([.. frame, (byte)Separator]);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            _pending.TryRemove(id, out _);
            throw new InvalidOperationException("The connection is closed: " + e.Message, e);
        }

        return await completion.Task;
    }

    /// <summary>A client ping, as the JavaScript client sends when it has been quiet: the server drops a client silent for 30 s.</summary>
    public Task PingAsync() => SendRawAsync(Ping);

    private async Task SendRawAsync(byte[] frame)
    {
        // A WebSocket allows one send at a time; a visitor's sends are seconds apart, so this rarely waits.
        await _sending.WaitAsync();
        try
        {
            Interlocked.Exchange(ref _lastSent, Stopwatch.GetTimestamp());
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await ReceiveFramesAsync(CancellationToken.None) is { } frames)
            {
                foreach (var frame in frames)
                {
                    Handle(frame);
                }
            }

            CloseReason ??= "closed by the server";
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            CloseReason ??= e.GetType().Name + ": " + e.Message;
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("The connection closed: " + CloseReason));
        }

        _closed.TrySetResult();
    }

    private void Handle(string frame)
    {
        // Thousands of connections share one core: skip parsing what this client never reads
        // (pings, and server invocations when nobody listens for messages).
        if (frame == PingFrame || (OnMessage is null && frame.StartsWith(InvocationStart, StringComparison.Ordinal)))
        {
            return;
        }

        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1 when root.GetProperty("target").ValueEquals("message"):
                OnMessage?.Invoke(root.GetProperty("arguments")[0]);
                break;
            case 3:
                var id = int.Parse(root.GetProperty("invocationId").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                if (_pending.TryRemove(id, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.TrySetException(new InvalidOperationException(error.GetString()));
                    }
                    else
                    {
                        completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                    }
                }

                break;
            case 7:
                CloseReason = root.TryGetProperty("error", out var reason) ? "close: " + reason.GetString() : "close";
                break;
        }
    }

    /// <summary>One WebSocket message split into its records; null when the socket closed.</summary>
    private async Task<List<string>?> ReceiveFramesAsync(CancellationToken ct)
    {
        var buffer = new byte[1024];
        MemoryStream? large = null;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (result.EndOfMessage && large is null)
            {
                return Split(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }

            large ??= new MemoryStream();
            large.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Split(Encoding.UTF8.GetString(large.GetBuffer(), 0, (int)large.Length));
            }
        }
    }

    private static List<string> Split(string text) => [.. text.Split(Separator, StringSplitOptions.RemoveEmptyEntries)];

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // Already gone.
            }
        }

        _socket.Dispose();
        _sending.Dispose();
    }
}
