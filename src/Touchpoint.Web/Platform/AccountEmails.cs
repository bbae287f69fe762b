using System.Text.Encodings.Web;
using Touchpoint.Core.Email;

namespace Touchpoint.Web.Platform;

/// <summary>The texts of the invitation and password-reset emails.</summary>
internal static class AccountEmails
{
    public static EmailMessage Invitation(string to, string inviter, string workspace, string role, string link) => new(
        to,
        $"{inviter} invited you to {workspace} on Touchpoint",
        $"""
        {inviter} invited you to join the workspace "{workspace}" on Touchpoint as {role}.

        Accept the invitation and choose your password here (the link works for 7 days):
        {link}

        If you did not expect this, you can ignore this email.
        """,
        $"""
        <p>{Html(inviter)} invited you to join the workspace <strong>{Html(workspace)}</strong> on Touchpoint as {Html(role)}.</p>
        <p><a href="{Html(link)}">Accept the invitation</a> (the link works for 7 days).</p>
        <p>If you did not expect this, you can ignore this email.</p>
        """);

    public static EmailMessage PasswordReset(string to, string link) => new(
        to,
        "Reset your Touchpoint password",
        $"""
        Someone asked to reset the password of your Touchpoint account.

        Choose a new password here (the link works for one day):
        {link}

        If it was not you, ignore this email: your password stays as it is.
        """,
        $"""
        <p>Someone asked to reset the password of your Touchpoint account.</p>
        <p><a href="{Html(link)}">Choose a new password</a> (the link works for one day).</p>
        <p>If it was not you, ignore this email: your password stays as it is.</p>
        """);

    private static string Html(string value) => HtmlEncoder.Default.Encode(value);
}
