using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Touchpoint.Web.Pages;

/// <summary>A readable page for error status codes of the UI (the API answers with ProblemDetails instead).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code) => (Title, Message) = code switch
    {
        400 => ("The request could not be read", "Something in the form or link was not in the expected format. Go back and check what you entered."),
        403 => ("You do not have access", "Your role in this workspace does not include this page."),
        404 => ("Page not found", "There is nothing here, or it belongs to another workspace."),
        413 => ("Too large", "What you sent is larger than we accept."),
        429 => ("Too many requests", "Please wait a minute and try again."),
        _ => ("Something went wrong", "Try again in a moment. If it keeps happening, tell your administrator."),
    };
}
