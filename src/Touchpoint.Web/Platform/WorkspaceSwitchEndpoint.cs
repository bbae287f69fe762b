using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Platform;

/// <summary>POST /workspaces/switch: re-issues the sign-in cookie for another workspace the user belongs to.</summary>
internal static class WorkspaceSwitchEndpoint
{
    public static void MapWorkspaceSwitch(this IEndpointRouteBuilder app) =>
        app.MapPost("/workspaces/switch", SwitchAsync).RequireAuthorization(Permission.Member.Name).ExcludeFromDescription();

    private static async Task<IResult> SwitchAsync([FromForm] Guid workspaceId, HttpContext http, UserManager<User> users, WorkspaceSignIn signIn)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null || !await signIn.SignInAsync(user, remember: false, workspaceId))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Redirect("/");
    }
}
