using System.Text.Json.Nodes;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Customers;

/// <summary>One entry on a customer's timeline. <see cref="Id"/> is the key within its kind.</summary>
public sealed record TimelineItem(string Kind, long Id, DateTime At, string Title, Channel? Channel, string? TouchPoint, string? Source,
    JsonObject Details)
{
    public TimelinePosition Position => new(At, Kind, Id);
}

/// <summary>
/// Where a timeline page ended. The timeline runs newest first; at the same instant, kinds in
/// ordinal order; within a kind, higher ids first. So a page can end between two items of the same
/// instant from different sources and the next page still starts at the right one.
/// </summary>
public readonly record struct TimelinePosition(DateTime At, string Kind, long Id)
{
    /// <summary>How a source of <paramref name="kind"/> resumes after this position.</summary>
    public Resume ResumeFor(string kind) => string.CompareOrdinal(kind, Kind) switch
    {
        < 0 => Resume.Before,     // its items at this instant came earlier on the timeline: all seen
        > 0 => Resume.AtOrBefore, // its items at this instant come later: none seen yet
        _ => Resume.BeforeId,
    };

    public enum Resume
    {
        /// <summary>Items strictly older than <see cref="At"/>.</summary>
        Before,
        /// <summary>Items at or before <see cref="At"/>.</summary>
        AtOrBefore,
        /// <summary>Items older than <see cref="At"/>, or at it with an id below <see cref="Id"/>.</summary>
        BeforeId,
    }
}
