namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// How to read one import file. <see cref="Map"/> holds <c>column=field</c> pairs (one per entry) that override the
/// mapping by header name; <see cref="Encoding"/> is null for UTF-8, or latin1 / windows-1252.
/// </summary>
public sealed record ImportOptions(bool DryRun, IReadOnlyList<string> Map, string? Encoding, string Actor)
{
    /// <summary>Rows per transaction: big enough to amortize the commit, small enough to keep memory flat.</summary>
    public const int BatchSize = 1000;
}
