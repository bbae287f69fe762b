using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Feedback;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform.Backplane;

/// <summary>A member's open <c>/responses/live</c> stream on one node, read event by event.</summary>
public sealed class LiveFeedStream : IDisposable
{
    private readonly PageSession _session;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private LiveFeedStream(PageSession session, HttpResponseMessage response, StreamReader reader)
    {
        _session = session;
        _response = response;
        _reader = reader;
    }

    /// <summary>Signs the owner in on <paramref name="node"/> and opens the stream; returns once the node counts the listener.</summary>
    public static async Task<LiveFeedStream> OpenAsync(TouchpointFactory node, TestWorkspace workspace)
    {
        var session = new PageSession(node);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var response = await session.Client.GetAsync("/responses/live", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var feed = node.Services.GetRequiredService<ResponseFeed>();
        await Eventually.HoldsAsync(() => Task.FromResult(feed.ListenerCount(workspace.Id) > 0), "the live page to listen");
        return new LiveFeedStream(session, response, reader);
    }

    /// <summary>The next <c>response</c> event's data.</summary>
    public async Task<JsonElement> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {Eventually.DefaultTimeout.TotalSeconds:0} s for a live response, in vain.");
            }

            if (line is null)
            {
                throw new InvalidOperationException("The live feed ended.");
            }

            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
        _session.Dispose();
    }
}
