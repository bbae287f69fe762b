using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Touchpoint.Bench;

/// <summary>What one open-loop chat run measured on one server.</summary>
internal sealed record ChatRun(
    string Server,
    double OfferedRate,
    double Seconds,
    long Sent,
    long Acked,
    long Delivered,
    long Lost,
    long Refused,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double AckP50Ms,
    double AckP99Ms,
    double MaxDispatchLagMs,
    string? FirstError);

/// <summary>One visitor's conversation on a server: its id and the token that opens it.</summary>
internal sealed record VisitorChat(Guid ConversationId, string VisitorToken);

/// <summary>
/// One server's side of chat-fanout: a WebSocket per visitor plus ONE agent connection, which is in
/// the agents group and so receives every visitor's message. A run sends messages open loop at a fixed
/// total rate, round-robin over the visitors (so each visitor sends at rate/size, far under the flood
/// limit), and times each from its due time to (a) the sender's ack and (b) the agent receiving it,
/// matched by a key at the start of the body. A message the agent never receives is lost.
/// </summary>
internal sealed class FanoutSide : IAsyncDisposable
{
    private const int ConnectBatch = 50;
    private const int MaxOutstanding = 20_000;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

    private static readonly string[] Texts =
    [
        "Hi, my order has not arrived yet; can you check where it is?",
        "Hello! Is the blue jacket back in stock in size M? 🙂",
        "I was charged twice for the same invoice, please help.",
        "How do I change the delivery address on https://example.com/orders?",
        "Thanks, that solved it 👍",
    ];

    private readonly ConcurrentDictionary<string, long> _awaited = new();
    private readonly List<HubLoadClient> _visitors = [];
    private readonly IReadOnlyList<VisitorChat> _chats;
    private HubLoadClient? _agent;
    private Histogram _delivery = new();
    private long _delivered;
    private long _next;
    private int _run;

    private FanoutSide(string name, Uri baseAddress, int processId, IReadOnlyList<VisitorChat> chats)
    {
        Name = name;
        BaseAddress = baseAddress;
        ProcessId = processId;
        _chats = chats;
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public int ProcessId { get; }
    public long RssBefore { get; private set; }
    public long RssAfter { get; private set; }
    public int Connections => _visitors.Count + (_agent is null ? 0 : 1);

    /// <summary>The connections opened between the two memory readings.</summary>
    public int MeasuredConnections { get; private set; }

    public double KiBPerConnection => ProcessMemory.PerConnectionKiB(RssBefore, RssAfter, MeasuredConnections);

    public IEnumerable<HubLoadClient> Clients => _agent is null ? _visitors : _visitors.Append(_agent);

    /// <summary>
    /// Connects the agent and every visitor (in batches, so the server is not flooded), reading the server's memory
    /// once the agent and the first batch are in (so the hub's start-up and JIT are not counted) and again after the rest.
    /// </summary>
    public static async Task<FanoutSide> ConnectAsync(string name, Uri baseAddress, int processId, IReadOnlyList<VisitorChat> chats, string? agentCookie)
    {
        var side = new FanoutSide(name, baseAddress, processId, chats);
        var hub = side.Hub;
        side._agent = await HubLoadClient.ConnectAsync(hub, agentCookie, CancellationToken.None);
        side._agent.OnMessage = side.Received;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < chats.Count; i += ConnectBatch)
        {
            var batch = chats.Skip(i).Take(ConnectBatch).Select(side.ConnectVisitorAsync);
            side._visitors.AddRange(await Task.WhenAll(batch));
            if (i == 0)
            {
                side.RssBefore = await SettledRssAsync(processId);
                side.MeasuredConnections = -side.Connections;
            }
        }

        side.RssAfter = await SettledRssAsync(processId);
        side.MeasuredConnections += side.Connections;
        Console.WriteLine($"  {name}: {side.Connections} connections open in {clock.Elapsed.TotalSeconds:0.0} s");
        return side;
    }

    private Uri Hub => new(BaseAddress.ToString().Replace("http", "ws", StringComparison.Ordinal).TrimEnd('/') + "/hubs/conversations");

    private Task<HubLoadClient> ConnectVisitorAsync(VisitorChat chat) => HubLoadClient.ConnectAsync(
        new Uri(Hub + $"?conversation={chat.ConversationId}&visitor={Uri.EscapeDataString(chat.VisitorToken)}"), null, CancellationToken.None);

    /// <summary>Visitor connections the server closed since they opened, over all runs (each reopened before the next run).</summary>
    public int Reopened { get; private set; }

    /// <summary>Reopens visitor connections the server closed, as the widget does on its own; a closed agent connection ends the bench.</summary>
    public async Task ReopenClosedAsync()
    {
        if (_agent is { IsOpen: false })
        {
            throw new InvalidOperationException($"{Name}: the server closed the agent's connection ({_agent.CloseReason}).");
        }

        var (count, reason) = (0, "");
        for (var i = 0; i < _visitors.Count; i++)
        {
            if (!_visitors[i].IsOpen)
            {
                reason = _visitors[i].CloseReason ?? "";
                await _visitors[i].DisposeAsync();
                _visitors[i] = await ConnectVisitorAsync(_chats[i]);
                count++;
            }
        }

        if (count > 0)
        {
            Console.WriteLine($"  {Name}: reopened {count} visitor connections the server had closed ({reason})");
            Reopened += count;
        }
    }

    /// <summary>RSS after a second's pause, so connections still being set up are not half counted.</summary>
    private static async Task<long> SettledRssAsync(int processId)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        return ProcessMemory.ResidentBytes(processId) ?? 0;
    }

    /// <summary>One open-loop run: <paramref name="rate"/> messages/s in total for <paramref name="duration"/>.</summary>
    public async Task<ChatRun> RunAsync(double rate, TimeSpan duration)
    {
        var run = Interlocked.Increment(ref _run);
        _delivery = new Histogram();
        Interlocked.Exchange(ref _delivered, 0);
        var ack = new Histogram();
        var total = (long)Math.Round(rate * duration.TotalSeconds);
        var ticksPerMessage = Stopwatch.Frequency / rate;
        var sends = new List<Task>((int)Math.Min(total, 1_000_000));
        long acked = 0, refused = 0;
        string? firstError = null;
        long maxLagTicks = 0;

        async Task SendAsync(HubLoadClient visitor, VisitorChat chat, string key, string body, long due)
        {
            try
            {
                await visitor.InvokeAsync("Send", chat.ConversationId, key, body);
                ack.Record(Micros(Stopwatch.GetTimestamp() - due));
                Interlocked.Increment(ref acked);
            }
            catch (InvalidOperationException e) // the hub's error, or the connection closed (see HubLoadClient.InvokeAsync)
            {
                // Refused or the connection closed: not a delivery to wait for, but the run fails.
                _awaited.TryRemove(key, out _);
                Interlocked.Increment(ref refused);
                Interlocked.CompareExchange(ref firstError, e.Message, null);
            }
        }

        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new Thread(() =>
        {
            for (long i = 0; i < total; i++)
            {
                var due = start + (long)(i * ticksPerMessage);
                LoadGenerator.WaitUntil(due);
                maxLagTicks = Math.Max(maxLagTicks, Stopwatch.GetTimestamp() - due);
                var index = (int)(_next++ % _visitors.Count);
                var key = $"{Name[0]}{run}-{i}";
                if (_awaited.Count >= MaxOutstanding)
                {
                    Interlocked.Increment(ref refused);
                    Interlocked.CompareExchange(ref firstError, "generator gave up: too many messages outstanding", null);
                    continue;
                }

                _awaited[key] = due;
                sends.Add(SendAsync(_visitors[index], _chats[index], key, key + " " + Texts[i % Texts.Length], due));
            }

            dispatched.SetResult();
        })
        { IsBackground = true, Name = "chat dispatcher" };
        dispatcher.Start();
        await dispatched.Task;
        await Task.WhenAll(sends);

        // Every ack is in; deliveries to the agent may trail them a little. What has not arrived by the deadline is lost.
        var drain = Stopwatch.StartNew();
        while (!_awaited.IsEmpty && drain.Elapsed < DrainTimeout)
        {
            await Task.Delay(10);
        }

        var lost = _awaited.Count;
        _awaited.Clear();
        var elapsed = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
        var delivery = _delivery;
        return new ChatRun(Name, rate, duration.TotalSeconds, total, acked, Interlocked.Read(ref _delivered), lost, refused,
            Ms(delivery.Percentile(50)), Ms(delivery.Percentile(90)), Ms(delivery.Percentile(99)), Ms(delivery.Max),
            Ms(ack.Percentile(50)), Ms(ack.Percentile(99)), Micros(maxLagTicks) / 1000.0, firstError);
    }

    /// <summary>The agent's <c>message</c>: its key is the body's first word.</summary>
    private void Received(JsonElement message)
    {
        var body = message.GetProperty("body").GetString() ?? "";
        var space = body.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && _awaited.TryRemove(body[..space], out var due))
        {
            _delivery.Record(Micros(Stopwatch.GetTimestamp() - due));
            Interlocked.Increment(ref _delivered);
        }
    }

    private static long Micros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;

    private static double Ms(long micros) => micros / 1000.0;

    public async ValueTask DisposeAsync()
    {
        foreach (var batch in Clients.Chunk(200))
        {
            await Task.WhenAll(batch.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
