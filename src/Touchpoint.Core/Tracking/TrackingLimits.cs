namespace Touchpoint.Core.Tracking;

/// <summary>The Segment HTTP API's size limits, which clients already respect.</summary>
public static class TrackingLimits
{
    /// <summary>Largest single message, as JSON.</summary>
    public const int MaxMessageBytes = 32 * 1024;
    /// <summary>Largest batch body, after decompression.</summary>
    public const int MaxBatchBytes = 500 * 1024;
    public const int MaxIdLength = 200;
    public const int MaxMessageIdLength = 100;
    public const int MaxNameLength = 200;
}
