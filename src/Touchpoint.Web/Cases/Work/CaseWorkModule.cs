using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Customers;

namespace Touchpoint.Web.Cases.Work;

/// <summary>Working cases: the API, contact and threading, the follow-up survey, notifications and the timeline.</summary>
internal static class CaseWorkModule
{
    public static IServiceCollection AddCaseWork(this IServiceCollection services)
    {
        services.AddScoped<CaseWork>();
        services.AddScoped<CaseCreation>();
        services.AddScoped<CaseContact>();
        services.AddScoped<CaseMail>();
        services.AddScoped<CaseFollowUp>();
        services.AddScoped<CaseViews>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationBell>();
        services.AddSingleton<SignalRNotificationFeed>();
        services.AddSingleton<INotificationFeed>(sp => sp.GetRequiredService<SignalRNotificationFeed>());
        services.AddScoped<ITimelineSource, CaseTimelineSource>();
        services.AddSingleton<ConversationFirstContact>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationFirstContact>());
        return services;
    }

    public static IEndpointRouteBuilder MapCaseWork(this IEndpointRouteBuilder app)
    {
        app.MapHub<NotificationHub>(NotificationHub.Path);
        app.MapCasesApi();
        return app;
    }
}
