namespace Touchpoint.Core.Platform;

/// <summary>What a workspace's name and time zone must be, wherever they are entered.</summary>
public static class WorkspaceRules
{
    public const int MaxNameLength = 200;

    /// <summary>The IANA zone ids this machine knows, sorted, for pickers.</summary>
    public static IReadOnlyList<string> TimeZoneIds { get; } = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order().ToList();

    public static IEnumerable<string> Check(string? name, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            yield return $"Name the workspace (at most {MaxNameLength} characters).";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? "", out _))
        {
            yield return "Choose a time zone from the list.";
        }
    }
}
