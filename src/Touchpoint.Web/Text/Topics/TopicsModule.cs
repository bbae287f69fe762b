using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Workspace;

namespace Touchpoint.Web.Text.Topics;

/// <summary>
/// Workspace topics: the per-workspace analyser (taxonomy and classifier), the taxonomy editor's API,
/// people's topic labels, classifier training, and the background re-scorer.
/// </summary>
internal static class TopicsModule
{
    public static IServiceCollection AddTextTopics(this IServiceCollection services)
    {
        services.AddOptions<TextRescoringOptions>().BindConfiguration(TextRescoringOptions.Section);
        services.AddSingleton<WorkspaceTextAnalyzerSource>();
        // Replaces the built-in source whatever the order: the last registration is the one resolved.
        services.AddSingleton<ITextAnalyzerSource>(sp => sp.GetRequiredService<WorkspaceTextAnalyzerSource>());
        services.AddSingleton<RescoreSignal>();
        services.AddSingleton<TextRescorer>();
        services.AddScoped<WorkspaceTaxonomy>();
        services.AddScoped<TopicLabels>();
        services.AddScoped<ClassifierTraining>();
        services.AddScoped<EmergingThemes>();
        services.AddHostedService<TextRescoringWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapTextTopics(this IEndpointRouteBuilder app)
    {
        app.MapTaxonomyApi();
        app.MapTextLabelsApi();
        app.MapClassifierApi();
        return app;
    }
}
