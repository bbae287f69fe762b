namespace Touchpoint.Web.Platform.Backplane;

/// <summary>The pause after consecutive failures: 0.25 s, doubling, at most 30 s.</summary>
internal static class Backoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    public static TimeSpan After(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 16);
        var pause = First * Math.Pow(2, doublings);
        return pause < Longest ? pause : Longest;
    }
}
