using Touchpoint.Core.Analytics.Rollups;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Demo;
using Touchpoint.Core.Email;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Analytics;
using Touchpoint.Web.Analytics.Dashboards;
using Touchpoint.Web.Analytics.Insights;
using Touchpoint.Web.Analytics.Metrics;
using Touchpoint.Web.Analytics.Rates;
using Touchpoint.Web.Cases;
using Touchpoint.Web.Conversations;
using Touchpoint.Web.Customers;
using Touchpoint.Web.Feedback;
using Touchpoint.Web.Journeys;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Segments;
using Touchpoint.Web.Surveys;
using Touchpoint.Web.Surveys.Distribution;
using Touchpoint.Web.Text;
using Touchpoint.Web.Text.Topics;
using Touchpoint.Web.Tracking;

namespace Touchpoint.Web;

/// <summary>One line per capability: its services, and its endpoints.</summary>
internal static class Capabilities
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return builder;
    }

    public static WebApplicationBuilder AddCapabilities(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GroupCommitWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        builder.Services.AddSingleton<CustomerChanges>();
        builder.Services.AddScoped<SurveyService>();
        builder.Services.AddScoped<SurveyEditor>();
        builder.Services.AddScoped<ResponseSubmission>();
        builder.Services.AddResponseNotifications();
        builder.Services.AddScoped<WebhookService>();
        builder.Services.AddSurveyIntercept();
        builder.Services.AddMetricScores();
        builder.Services.AddCustomerProfiles();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddTracking();
        builder.Services.AddSegments();
        builder.AddCustomerImportExport();
        builder.Services.AddSurveyDistribution();
        builder.Services.AddConversations();
        builder.Services.AddTextAnalysis();
        builder.Services.AddTextTopics();
        builder.Services.AddCases();
        builder.Services.AddJourneys();
        builder.Services.AddInsights();
        builder.Services.AddDashboards();
        return builder;
    }

    public static WebApplication MapCapabilityEndpoints(this WebApplication app)
    {
        app.MapJourneysApi();
        app.MapSurveysApi();
        app.MapResponsesApi();
        app.MapResponseExportAndFeed();
        app.MapWebhooksApi();
        app.MapSurveyIntercept();
        app.MapMetricsApi();
        app.MapMetricSettingsApi();
        app.MapTracking();
        app.MapSegmentsApis();
        app.MapCustomersApi();
        app.MapCustomerImportExport();
        app.MapSurveyDistribution();
        app.MapConversations();
        app.MapTextAnalysis();
        app.MapTextTopics();
        app.MapCases();
        app.MapInsights();
        app.MapDashboards();
        app.MapRatesApi();
        return app;
    }
}
