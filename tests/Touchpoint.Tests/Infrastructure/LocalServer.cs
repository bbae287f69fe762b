using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// A small real Kestrel server on a free loopback port, outside the app: a webhook receiver, or a
/// customer's web site for the intercept script. Each request it gets is recorded.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    public sealed record Received(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();

    private LocalServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>http://127.0.0.1:port, no trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Starts a server that records every request and answers it with <paramref name="answer"/>.</summary>
    public static async Task<LocalServer> StartAsync(Func<HttpContext, Received, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var received = new Received(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
            server!._received.Writer.TryWrite(received);
            await answer(context, received);
        });
        await app.StartAsync();
        server = new LocalServer(app, app.Urls.First().TrimEnd('/'));
        return server;
    }

    /// <summary>The next request received, waiting at most <see cref="Eventually.DefaultTimeout"/>.</summary>
    public async Task<Received> NextAsync(string what)
    {
        using var cancel = new CancellationTokenSource(Eventually.DefaultTimeout);
        try
        {
            return await _received.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Waited {Eventually.DefaultTimeout.TotalSeconds:0} s for {what}, in vain.");
        }
    }

    /// <summary>Requests received and not yet taken by <see cref="NextAsync"/>.</summary>
    public int Pending => _received.Reader.Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
