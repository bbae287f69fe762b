using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Surveys;

namespace Touchpoint.Web.Pages.Public;

/// <summary>
/// The survey page respondents open from a link. Plain HTML that works without JavaScript.
/// No antiforgery token: the page is anonymous and acts with no one's authority, and survey forms
/// are also posted from emails and other sites. Abuse is held off by rate and size limits instead.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimits.Public)]
[PublicEndpoint]
internal sealed class PublicSurveyModel(SurveyService surveys, WorkspaceScope scope, TouchpointDbContext db, ResponseSubmission submission) : PageModel
{
    public Survey? Survey { get; private set; }
    public string QuestionText => Texts.Question;
    public string CommentPrompt => Texts.Comment;
    private (string Question, string Comment) Texts => Survey is null ? ("", "") : SurveyTexts.Of(Survey);
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty] public int? Score { get; set; }
    [BindProperty] public string? Comment { get; set; }
    /// <summary>The customer's id in the company's systems, when the link names one (<c>?customer=</c>).</summary>
    [BindProperty(SupportsGet = true)] public string? Customer { get; set; }
    /// <summary>Where the link was shared (<c>?channel=email</c>); web when absent.</summary>
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }

    public async Task<IActionResult> OnGetAsync(string linkId)
    {
        Survey = await surveys.FindByLinkAsync(linkId);
        if (Survey is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string linkId)
    {
        Survey = await surveys.FindByLinkAsync(linkId);
        if (Survey is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        scope.Enter(Survey.WorkspaceId);
        if (!ModelState.IsValid)
        {
            var scale = RatingScale.For(Survey.Metric);
            Errors["score"] = [$"Choose a score from {scale.Min} to {scale.Max}."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var customerId = await FindCustomerAsync();
        var channel = Enum.TryParse<Channel>(Channel, ignoreCase: true, out var c) && !int.TryParse(Channel, out _) ? c : Core.Journeys.Channel.Web;
        var result = await submission.SubmitAsync(Survey, new ResponseSubmission.Answer(Score, Comment, customerId, Channel: channel));
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/s/{Uri.EscapeDataString(linkId)}/thanks");
    }

    /// <summary>An unknown customer id is not the respondent's problem: the answer is kept, unlinked.</summary>
    private async Task<Guid?> FindCustomerAsync() =>
        string.IsNullOrWhiteSpace(Customer)
            ? null
            : await db.Customers.Where(c => c.ExternalId == Customer).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
}
