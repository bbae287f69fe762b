namespace Touchpoint.Web.Platform;

/// <summary>Bound from <c>Touchpoint:Limits</c>: request sizes and rate limits of public endpoints.</summary>
internal sealed class LimitsOptions
{
    public const string Section = "Touchpoint:Limits";

    /// <summary>Largest request body for any endpoint.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>Largest body on anonymous endpoints (survey answers, sign-in).</summary>
    public long MaxPublicBodyBytes { get; set; } = 64 * 1024;
    /// <summary>Requests per minute per client address on anonymous endpoints.</summary>
    public int PublicRequestsPerMinute { get; set; } = 120;
    /// <summary>Sign-in, password reset and invitation attempts per minute per client address.</summary>
    public int AccountRequestsPerMinute { get; set; } = 20;
}
