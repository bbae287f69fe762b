using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// The unsubscribe link of a digest: GET shows a button (mail scanners follow links, so a GET changes
/// nothing), POST stops the digest. The token is the subscription's id signed by the key ring.
/// </summary>
internal static class DigestUnsubscribe
{
    public static void MapDigestUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboards/digest/unsubscribe/{token}", (string token) => TypedResults.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stop the digest</title></head><body><main><h1>Stop the digest emails?</h1>"
            + $"<form method=\"post\" action=\"/dashboards/digest/unsubscribe/{System.Net.WebUtility.HtmlEncode(Uri.EscapeDataString(token))}\"><button type=\"submit\">Stop them</button></form></main></body></html>",
            "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/dashboards/digest/unsubscribe/{token}", UnsubscribeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> UnsubscribeAsync(string token, IDataProtectionProvider protection, TouchpointDbContext db, CancellationToken ct)
    {
        Guid id;
        try
        {
            id = Guid.ParseExact(protection.CreateProtector(DigestWorker.Purpose).Unprotect(token), "N");
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return TypedResults.NotFound();
        }

        await db.DigestSubscriptions.IgnoreQueryFilters().Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        return TypedResults.Content("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stopped</title></head><body><main><h1>You will get no more digests.</h1></main></body></html>",
            "text/html; charset=utf-8");
    }
}
