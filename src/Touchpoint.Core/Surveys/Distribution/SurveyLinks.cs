using Microsoft.Extensions.Configuration;

namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// Absolute links for emails sent by background jobs, which have no request to read a host from.
/// <c>Touchpoint:PublicUrl</c> wins; otherwise the address of the last request that sent invitations
/// (set it behind a proxy, or when invitations wait for quiet hours across a restart).
/// </summary>
public sealed class SurveyLinks(IConfiguration configuration)
{
    private string _seen = "http://localhost";

    public string Base => configuration["Touchpoint:PublicUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : Volatile.Read(ref _seen);

    /// <summary>Remembers the address a user reached the app on, for links written later.</summary>
    public void Remember(string requestBase) => Volatile.Write(ref _seen, requestBase.TrimEnd('/'));

    public string Survey(string linkId, string token) => $"{Base}/s/{Uri.EscapeDataString(linkId)}?t={Uri.EscapeDataString(token)}";

    /// <summary>Only preselects the score on the survey page: nothing is recorded until the respondent submits.</summary>
    public string Score(string linkId, string token, int score) => $"{Survey(linkId, token)}&score={score}";

    public string Unsubscribe(string token) => $"{Base}/s/unsubscribe/{Uri.EscapeDataString(token)}";
}
