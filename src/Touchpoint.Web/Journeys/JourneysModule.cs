using Touchpoint.Core.Journeys.Analytics;
using Touchpoint.Core.Journeys.Editing;
using Touchpoint.Core.Journeys.Mapping;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Journeys;

/// <summary>
/// Journeys: the editor (journeys, stages, touch points), the rules that tie events, surveys and
/// inboxes to touch points, and the journey map's analytics (scores, volumes, trends, funnel).
/// </summary>
internal static class JourneysModule
{
    public static IServiceCollection AddJourneys(this IServiceCollection services)
    {
        services.AddScoped<JourneyEditor>();
        services.AddScoped<TouchPointLinks>();
        services.AddScoped<MappingPreview>();
        services.AddScoped<StageFunnel>();
        services.AddScoped<JourneyAnalytics>();
        // Registered here rather than in Permission.All so capabilities add permissions without editing one shared list.
        services.AddAuthorizationBuilder().AddPolicy(Permission.ManageJourneys.Name, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(TouchpointClaims.Workspace)
            .RequireAssertion(context => context.User.Has(Permission.ManageJourneys)));
        return services;
    }
}
