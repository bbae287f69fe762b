using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Touchpoint.Web.Pages.Account;

/// <summary>Where the cookie handler sends a signed-in user who lacks a page's permission.</summary>
[AllowAnonymous]
internal sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
