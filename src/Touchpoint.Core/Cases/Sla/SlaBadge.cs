namespace Touchpoint.Core.Cases.Sla;

/// <summary>A case's SLA in one word for lists: the worst of its targets, from stored times only (no business-hours walk per row).</summary>
public enum SlaBadge
{
    None,
    OnTrack,
    AtRisk,
    Breached,
    Met,
}

public static class SlaBadges
{
    public static SlaBadge Of(Case found, DateTime now)
    {
        if (found.FirstResponseDueAt is null && found.ResolutionDueAt is null)
        {
            return SlaBadge.None;
        }

        var resolvedAt = found.IsOpen ? null : found.ResolvedAt ?? found.ClosedAt;
        var firstMissed = found.FirstResponseDueAt is { } f && (found.FirstContactAt is { } c ? c > f : now >= f);
        var resolutionMissed = found.ResolutionDueAt is { } r && (resolvedAt is { } d ? d > r : now >= r);
        if (firstMissed || resolutionMissed || found.FirstResponseBreachedAt is not null || found.ResolutionBreachedAt is not null)
        {
            return SlaBadge.Breached;
        }

        if (!found.IsOpen)
        {
            return SlaBadge.Met;
        }

        return found.SlaWarnedAt is not null ? SlaBadge.AtRisk : SlaBadge.OnTrack;
    }
}
