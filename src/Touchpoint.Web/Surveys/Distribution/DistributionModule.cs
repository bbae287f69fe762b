using Touchpoint.Core.Surveys.Distribution;

namespace Touchpoint.Web.Surveys.Distribution;

/// <summary>Survey distribution: invitations, triggers, contact rules, reminders, QR codes.</summary>
internal static class DistributionModule
{
    public static IServiceCollection AddSurveyDistribution(this IServiceCollection services)
    {
        services.AddOptions<DistributionOptions>().BindConfiguration(DistributionOptions.Section);
        services.AddSingleton<InvitationSignal>();
        services.AddSingleton<SurveyLinks>();
        services.AddScoped<ContactPolicy>();
        services.AddScoped<SurveyInviter>();
        services.AddScoped<InvitationMailer>();
        services.AddScoped<ReminderJob>();
        services.AddSingleton<InvitationScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<InvitationScheduler>());
        return services;
    }

    public static IEndpointRouteBuilder MapSurveyDistribution(this IEndpointRouteBuilder app)
    {
        app.MapInvitationsApi();
        app.MapContactRulesApi();
        app.MapSurveyQrCodes();
        return app;
    }
}
