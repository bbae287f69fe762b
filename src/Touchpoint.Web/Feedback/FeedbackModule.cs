using Touchpoint.Core.Feedback;

namespace Touchpoint.Web.Feedback;

/// <summary>What happens after an answer: webhooks queued, the live feed told.</summary>
internal static class FeedbackModule
{
    public static IServiceCollection AddResponseNotifications(this IServiceCollection services)
    {
        services.AddOptions<ResponseNotifierOptions>().BindConfiguration(ResponseNotifierOptions.Section);
        services.AddSingleton<ResponseNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<ResponseNotifier>());
        return services;
    }

    public static void MapResponseExportAndFeed(this IEndpointRouteBuilder app)
    {
        app.MapResponseExport();
        app.MapResponseFeed();
    }
}
