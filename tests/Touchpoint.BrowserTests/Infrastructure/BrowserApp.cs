using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.BrowserTests.Infrastructure;

/// <summary>The real app on Kestrel at a free local port, on a fresh database, with a browser to drive it.</summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private IPlaywright? _playwright;

    private BrowserApp(TouchpointFactory factory, string baseUrl)
    {
        Factory = factory;
        BaseUrl = baseUrl;
    }

    public TouchpointFactory Factory { get; }
    public string BaseUrl { get; }
    public IBrowser Browser { get; private set; } = null!;

    public static async Task<BrowserApp> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new TouchpointFactory(provider, settings);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var app = new BrowserApp(factory, address.Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/'));
        (app._playwright, app.Browser) = await Chromium.LaunchAsync();
        return app;
    }

    public string Url(string path) => BaseUrl + path;

    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        var page = await context.NewPageAsync();
        // Customer text is shown encoded: any script dialog means something was not.
        page.Dialog += (_, dialog) => throw new InvalidOperationException($"A script dialog opened: {dialog.Message}");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}
