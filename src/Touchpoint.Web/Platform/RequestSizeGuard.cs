using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Touchpoint.Web.Platform;

/// <summary>
/// Refuses a body over the endpoint's limit with 413 ProblemDetails before anything reads it, and
/// sets the server's own limit so chunked bodies are cut off at the same size.
/// </summary>
internal sealed class RequestSizeGuard(RequestDelegate next, IOptions<LimitsOptions> limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        var limit = metadata?.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? (metadata?.GetMetadata<PublicEndpointAttribute>() is not null ? limits.Value.MaxPublicBodyBytes : limits.Value.MaxRequestBodyBytes);
        if (context.Request.ContentLength > limit)
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large",
                $"This endpoint accepts at most {limit} bytes.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
