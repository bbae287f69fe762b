namespace Touchpoint.Core.Cases;

/// <summary>The sizes a case's fields accept; the API and pages check them before saving.</summary>
public static class CaseLimits
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 10_000;
    /// <summary>Root causes, resolution codes and remedy kinds: short codes such as "late-delivery".</summary>
    public const int MaxCodeLength = 100;
}
