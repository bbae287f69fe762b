using Microsoft.Extensions.DependencyInjection.Extensions;
using Touchpoint.Core.Text.Ingest;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Web.Text;

/// <summary>Text analytics in the host: scoring on ingest, and <c>POST /api/v1/text/analyze</c>.</summary>
internal static class TextAnalysisModule
{
    public static IServiceCollection AddTextAnalysis(this IServiceCollection services)
    {
        // The built-in taxonomy unless a workspace-aware source is registered (AddSingleton wins whatever the order).
        services.TryAddSingleton<ITextAnalyzerSource, BuiltInTextAnalyzerSource>();
        services.AddSingleton<TextIngest>();
        return services;
    }

    public static IEndpointRouteBuilder MapTextAnalysis(this IEndpointRouteBuilder app)
    {
        app.MapTextAnalyzeApi();
        return app;
    }
}
