using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform.Backplane;

namespace Touchpoint.Web.Platform;

/// <summary>Workspaces, users, roles, API keys, audit, errors, limits and health.</summary>
internal static class PlatformModule
{
    public const string PolicyScheme = "Touchpoint";

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddTouchpointDatabase(builder.Configuration);
        services.AddBackplane(builder.Configuration);
        services.AddTouchpointDataProtection();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section);
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddScoped<AuditLog>();
        services.AddMemoryCache();
        services.AddCors();
        services.AddSingleton<ApiKeyCache>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<WorkspaceProvisioner>();
        services.AddScoped<WorkspaceSignIn>();
        services.AddScoped<Bootstrapper>();
        services.AddScoped<InvitationService>();
        services.AddScoped<CurrentWorkspace>();

        AddIdentity(services);
        AddAuthorization(services);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        services.AddTouchpointRateLimits();
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize =
            builder.Configuration.GetValue($"{LimitsOptions.Section}:{nameof(LimitsOptions.MaxRequestBodyBytes)}", 1024L * 1024));
        return builder;
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<TouchpointDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
                o.DefaultForbidScheme = PolicyScheme;
            })
            // The REST API takes only API keys, never the browser's cookie, so it needs no CSRF defence.
            .AddPolicyScheme(PolicyScheme, "Cookie for pages, API key for /api", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "touchpoint.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/denied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
        });
        services.AddScoped<IClaimsTransformation, WorkspaceClaimsTransformation>();
    }

    private static void AddAuthorization(IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var permission in Permission.All)
        {
            authorization.AddPolicy(permission.Name, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(TouchpointClaims.Workspace)
                .RequireAssertion(context => context.User.Has(permission)));
        }
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        // Machines get ProblemDetails; people get a readable page.
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), pages => pages.UseExceptionHandler("/status/500").UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors();
        app.UseMiddleware<RequestSizeGuard>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/v1")
        || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz");

    public static WebApplication MapPlatformEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapAuditApi();
        app.MapWorkspaceSwitch();
        return app;
    }
}
