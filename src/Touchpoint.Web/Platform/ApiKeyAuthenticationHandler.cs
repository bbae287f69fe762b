using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Platform;

/// <summary>
/// Authenticates REST calls by <c>Authorization: Bearer &lt;key&gt;</c>. A revoked, unknown or
/// tracking-only key fails; a valid one acts in its workspace with its scopes.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    TouchpointDbContext db,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        var key = token.Length is > 0 and < 200 ? await keys.FindActiveAsync(token, Context.RequestAborted) : null;
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        if (key.Kind != ApiKeyKind.Rest)
        {
            return AuthenticateResult.Fail("A write key only sends tracking events; use a REST API key.");
        }

        await TouchLastUsedAsync(key);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(ClaimTypes.Name, key.Name),
            new(TouchpointClaims.Workspace, key.WorkspaceId.ToString()),
            new(TouchpointClaims.Actor, $"key:{key.Prefix}"),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(TouchpointClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>At most one write a minute per key: busy keys must not turn every read into a write.</summary>
    private async Task TouchLastUsedAsync(ApiKey key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1))
        {
            return;
        }

        await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == key.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        // The key may be the cached instance: remember the touch so the next minute's calls skip it.
        key.LastUsedAt = now;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            "Send a REST API key as 'Authorization: Bearer <key>'. Create one under Settings > API keys.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Not allowed",
            "This API key's scopes do not allow this call.");
}
