using QRCoder;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Surveys.Distribution;

/// <summary>
/// /s/{linkId}/qr.svg and .png: the QR code of a survey's public link, for receipts, posters and
/// packaging. Public like the link itself; SVG prints sharp at any size.
/// </summary>
internal static class QrCodeEndpoints
{
    public static void MapSurveyQrCodes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/s/{linkId}/qr.svg", (string linkId, HttpContext http, SurveyService surveys) => RenderAsync(linkId, http, surveys, svg: true))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).ExcludeFromDescription();
        app.MapGet("/s/{linkId}/qr.png", (string linkId, HttpContext http, SurveyService surveys) => RenderAsync(linkId, http, surveys, svg: false))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).ExcludeFromDescription();
    }

    private static async Task<IResult> RenderAsync(string linkId, HttpContext http, SurveyService surveys, bool svg)
    {
        var survey = await surveys.FindByLinkAsync(linkId);
        if (survey is null)
        {
            return TypedResults.NotFound();
        }

        using var data = QRCodeGenerator.GenerateQrCode(PublicUrls.Survey(http, survey.LinkId), QRCodeGenerator.ECCLevel.M);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return svg
            ? TypedResults.Text(new SvgQRCode(data).GetGraphic(8), "image/svg+xml")
            : TypedResults.File(new PngByteQRCode(data).GetGraphic(10), "image/png", $"survey-{survey.LinkId}-qr.png");
    }
}
