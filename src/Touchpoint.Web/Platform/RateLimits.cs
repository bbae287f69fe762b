using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Touchpoint.Web.Platform;

/// <summary>Fixed-window limits per client address on anonymous endpoints; 429 ProblemDetails when hit.</summary>
internal static class RateLimits
{
    public const string Public = "public";
    public const string Account = "account";

    public static IServiceCollection AddTouchpointRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Public, context => PerClient(context, o => o.PublicRequestsPerMinute));
            options.AddPolicy(Account, context => PerClient(context, o => o.AccountRequestsPerMinute));
            options.OnRejected = async (rejected, _) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await ApiProblems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    "Slow down: this address sent too many requests in the last minute. Try again shortly.");
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<LimitsOptions, int> limit)
    {
        var permits = limit(context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        return RateLimitPartition.GetFixedWindowLimiter($"{permits}:{client}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
