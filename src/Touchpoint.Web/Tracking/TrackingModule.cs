using Touchpoint.Core.Tracking;

namespace Touchpoint.Web.Tracking;

/// <summary>The tracking API, identity resolution and touch-point mappings.</summary>
internal static class TrackingModule
{
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddScoped<ProfileMerger>();
        services.AddScoped<IdentityResolver>();
        services.AddScoped<TouchPointMatcher>();
        services.AddScoped<TouchPointMappingService>();
        services.AddScoped<TrackingIngest>();
        services.AddSingleton<LastSeenRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<LastSeenRecorder>());
        // Write keys are public by design (they sit in the company's web pages): any site may send.
        services.AddCors(o => o.AddPolicy(TrackingApi.CorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("POST")));
        return services;
    }

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        app.MapTrackingApi();
        app.MapTouchPointMappingsApi();
        return app;
    }
}
