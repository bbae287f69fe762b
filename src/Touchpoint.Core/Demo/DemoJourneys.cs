using System.Text.Json.Nodes;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Demo;

/// <summary>
/// Walks demo customers through the default journey in order (an ad, a visit, a product page, maybe a
/// chat, a purchase, the app, the newsletter, a review), each step taken by fewer customers and later
/// than the one before, so the journey map's funnel shows real conversion, drop-off and time between
/// stages. Adds the mapping rules that tie these events to their touch points.
/// </summary>
internal static class DemoJourneys
{
    /// <summary>
    /// Per stage of the default journey: the event, its touch point, the share who take this step, the gap
    /// before it in hours, and whether a customer who skips it carries on (a chat is optional; the rest is a funnel).
    /// </summary>
    private static readonly (string Event, string TouchPoint, EventType Type, TrackingSource Source, Channel Channel, double Share, double MinHours,
        double MaxHours, bool Optional)[] Walk =
    [
        ("Ad Clicked", "Social media ad", EventType.Track, TrackingSource.Web, Channel.Social, 1.0, 0, 0, false),
        ("Home", "Website visit", EventType.Page, TrackingSource.Web, Channel.Web, 0.9, 0.05, 12, false),
        ("Product", "Product page", EventType.Page, TrackingSource.Web, Channel.Web, 0.85, 0.1, 24, false),
        ("Chat Started", "Live chat", EventType.Track, TrackingSource.Web, Channel.Chat, 0.5, 0.2, 24, true),
        // A checkout page rather than an order: orders carry revenue, which the outcome figures read from the demo's own orders.
        ("Checkout", "Checkout on web", EventType.Page, TrackingSource.Web, Channel.Web, 0.8, 0.5, 48, false),
        ("Order Status", "Mobile app", EventType.Screen, TrackingSource.App, Channel.App, 0.8, 12, 96, false),
        ("Newsletter Opened", "Newsletter", EventType.Track, TrackingSource.Web, Channel.Email, 0.7, 24, 120, false),
        ("Review Written", "Review and referral", EventType.Track, TrackingSource.Web, Channel.Social, 0.55, 24, 168, false),
    ];

    private static readonly Dictionary<string, string> Paths = new() { ["Home"] = "/", ["Product"] = "/products/trail-jacket", ["Checkout"] = "/checkout" };

    public static async Task AddAsync(TouchpointDbContext db, List<Customer> customers, DateTime now, int days, CancellationToken ct)
    {
        var touchPoints = await db.TouchPoints.AsNoTracking().ToListAsync(ct);
        Guid Find(string name) => touchPoints.First(t => t.Name == name).Id;
        foreach (var (name, point) in new[] { ("Ad Clicked", "Social media ad"), ("Chat Started", "Live chat"), ("Newsletter Opened", "Newsletter"),
                     ("Review Written", "Review and referral") })
        {
            db.TouchPointMappings.Add(new TouchPointMapping { TouchPointId = Find(point), EventName = name, Priority = 1, CreatedAt = now });
        }

        var random = new Randomizer(20261123);
        foreach (var (customer, index) in customers.Select((c, i) => (c, i)))
        {
            // Most walks start far enough back to finish within the window (they take about ten days); the rest are under way.
            var window = Math.Min(days, 90);
            var at = now.AddDays(-window * (random.Bool(0.7f) ? random.Double(0.4, 1) : random.Double(0, 0.4)));
            for (var step = 0; step < Walk.Length; step++)
            {
                var (name, point, type, source, channel, share, minHours, maxHours, optional) = Walk[step];
                at = at.AddHours(random.Double(minHours, Math.Max(minHours, maxHours)));
                if (at > now)
                {
                    break;
                }

                if (!random.Bool((float)share))
                {
                    if (optional)
                    {
                        continue;
                    }

                    break;
                }

                db.Events.Add(new TrackedEvent
                {
                    CustomerId = customer.Id,
                    MessageId = $"demo-journey-{index}-{step}",
                    Type = type,
                    Name = name,
                    Source = source,
                    Channel = channel,
                    TouchPointId = Find(point),
                    Properties = type == EventType.Page ? new JsonObject { ["path"] = Paths[name] }.ToJsonString() : "{}",
                    OccurredAt = at,
                    ReceivedAt = at,
                });
                customer.LastSeenAt = customer.LastSeenAt is { } seen && seen > at ? seen : at;
            }
        }
    }
}
