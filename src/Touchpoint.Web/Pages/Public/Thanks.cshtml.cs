using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Feedback;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Public;

/// <summary>After the last page: the survey's own thank-you words in the respondent's language, in its theme.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
[PublicEndpoint]
internal sealed class ThanksModel(SurveyService surveys) : PageModel
{
    public string? Message { get; private set; }

    public async Task OnGetAsync(string linkId, string? lang)
    {
        var survey = await surveys.FindByLinkAsync(linkId);
        if (survey is null)
        {
            return;
        }

        var definition = survey.ReadDefinition();
        var language = RespondentLanguage.Choose(definition, lang, Request.Headers.AcceptLanguage.ToString());
        Message = definition.ThankYou?.In(language, definition.DefaultLanguage);
        ViewData["Lang"] = language;
        ViewData["Theme"] = definition.Theme;
    }
}
