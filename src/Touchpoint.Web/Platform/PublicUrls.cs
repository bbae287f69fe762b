namespace Touchpoint.Web.Platform;

/// <summary>
/// Absolute links for emails and survey links. <c>Touchpoint:PublicUrl</c> wins (set it behind a
/// proxy); otherwise the address the request came in on.
/// </summary>
internal static class PublicUrls
{
    public static string Base(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IConfiguration>()["Touchpoint:PublicUrl"];
        return string.IsNullOrWhiteSpace(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : configured.TrimEnd('/');
    }

    public static string Survey(HttpContext context, string linkId) => $"{Base(context)}/s/{linkId}";
}
