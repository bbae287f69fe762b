using System.Text.Json.Nodes;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>
/// Gives the demo's outcomes something true to show: a year of earlier orders (retention cohorts), referrals
/// that promoters send far more often than detractors, and churn that follows experience: most customers
/// whose last NPS answer before the cut-off (90 days ago) was a detractor go quiet after it, while most
/// others keep coming back. Deterministic: a fixed random seed.
/// </summary>
public static class DemoOutcomes
{
    private static readonly string[] Products = ["trail-jacket", "alpine-boots", "ultralight-tent", "down-sleeping-bag", "merino-base-layer", "day-pack"];

    public static async Task AddAsync(TouchpointDbContext db, IReadOnlyList<Customer> customers, DateTime now, CancellationToken ct)
    {
        var random = new Randomizer(20261123);
        var cutOff = now.AddDays(-OutcomeSettings.DefaultChurnWindowDays);
        var answers = await db.Responses.AsNoTracking()
            .Where(r => r.Metric == SurveyMetric.Nps && r.CustomerId != null && r.Score != null)
            .Select(r => new { CustomerId = r.CustomerId!.Value, r.SubmittedAt, Score = r.Score!.Value }).ToListAsync(ct);
        int? Latest(Guid customer, DateTime before) => answers.Where(a => a.CustomerId == customer && a.SubmittedAt <= before)
            .OrderByDescending(a => a.SubmittedAt).Select(a => (int?)a.Score).FirstOrDefault();

        // Every demo event is tied to a touch point, as the demo's mapping rules would tie it.
        var points = await db.TouchPoints.AsNoTracking().ToDictionaryAsync(t => t.Name, t => t.Id, ct);
        var checkout = points.GetValueOrDefault("Checkout on web", points.Values.First());
        var referral = points.GetValueOrDefault("Review and referral", checkout);
        var quiet = new List<Guid>();
        var n = 0;
        foreach (var customer in customers)
        {
            // Earlier orders, 6 to 12 months ago, for most customers.
            if (random.Bool(0.6f))
            {
                for (var i = random.Int(1, 3); i > 0; i--)
                {
                    db.Events.Add(Order(random, customer.Id, checkout, now.AddDays(-random.Double(181, 360)), $"demo-past-{n++}"));
                }
            }

            var before = Latest(customer.Id, cutOff);
            if (random.Bool(before is <= 6 ? 0.7f : 0.12f))
            {
                // A customer who left was a customer before: one order in the two months before the cut-off.
                quiet.Add(customer.Id);
                db.Events.Add(Order(random, customer.Id, checkout, cutOff.AddDays(-random.Double(1, 60)), $"demo-before-{n++}"));
            }
            else if (random.Bool(0.8f))
            {
                db.Events.Add(Order(random, customer.Id, checkout, now.AddDays(-random.Double(1, 89)), $"demo-recent-{n++}"));
            }

            var latest = Latest(customer.Id, now);
            var referChance = latest switch { >= 9 => 0.4f, <= 6 => 0.04f, null => 0.05f, _ => 0.12f };
            if (random.Bool(referChance))
            {
                var at = now.AddDays(-random.Double(1, 170));
                db.Events.Add(Referral("Referral Sent", customer.Id, referral, at, $"demo-referral-{n++}"));
                if (random.Bool(0.5f))
                {
                    db.Events.Add(Referral("Referral Completed", customer.Id, referral, at.AddDays(random.Double(1, 10)), $"demo-referral-{n++}"));
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await db.Events.Where(e => quiet.Contains(e.CustomerId) && e.OccurredAt > cutOff).ExecuteDeleteAsync(ct);
        var lastSeen = await db.Events.AsNoTracking().GroupBy(e => e.CustomerId)
            .Select(g => new { g.Key, Last = g.Max(e => e.OccurredAt) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        foreach (var customer in customers)
        {
            customer.LastSeenAt = lastSeen.TryGetValue(customer.Id, out var last) ? last : null;
        }

        await db.SaveChangesAsync(ct);
    }

    private static TrackedEvent Order(Randomizer random, Guid customerId, Guid touchPoint, DateTime at, string messageId) => new()
    {
        CustomerId = customerId,
        TouchPointId = touchPoint,
        MessageId = messageId,
        Type = EventType.Track,
        Name = OutcomeSettings.DefaultPurchaseEvent,
        Source = TrackingSource.Web,
        Channel = Channel.Web,
        Properties = new JsonObject
        {
            ["orderId"] = $"ord_{random.AlphaNumeric(8)}",
            ["total"] = Math.Round(random.Double(25, 480), 2),
            ["currency"] = "EUR",
            ["product"] = random.ArrayElement(Products),
        }.ToJsonString(),
        OccurredAt = at,
        ReceivedAt = at,
    };

    private static TrackedEvent Referral(string name, Guid customerId, Guid touchPoint, DateTime at, string messageId) => new()
    {
        CustomerId = customerId,
        TouchPointId = touchPoint,
        MessageId = messageId,
        Type = EventType.Track,
        Name = name,
        Source = TrackingSource.Web,
        Channel = Channel.Web,
        Properties = new JsonObject { ["channel"] = "email" }.ToJsonString(),
        OccurredAt = at,
        ReceivedAt = at,
    };
}
