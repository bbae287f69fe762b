namespace Touchpoint.Core.Email;

/// <summary>Pending until delivered; Failed after the last retry, kept for people to see why.</summary>
public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}
