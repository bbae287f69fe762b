using System.Text.Json.Nodes;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Demo;

/// <summary>
/// What the demo knows about its customers: a trait catalogue, traits and home towns (real cities
/// with their coordinates), anonymous ids, months of tracked events from the web, the app, the
/// stores and in-store beacons (tied to touch points by mapping rules), and personas, lifecycle
/// rules and segments written in the rule language. Deterministic: a fixed random seed.
/// </summary>
internal static class DemoCustomerProfiles
{
    private sealed record City(string Country, string Region, string Name, double Latitude, double Longitude, string TimeZone);

    private static readonly City[] Cities =
    [
        new("NL", "Noord-Holland", "Amsterdam", 52.3676, 4.9041, "Europe/Amsterdam"),
        new("NL", "Zuid-Holland", "Rotterdam", 51.9244, 4.4777, "Europe/Amsterdam"),
        new("NL", "Utrecht", "Utrecht", 52.0907, 5.1214, "Europe/Amsterdam"),
        new("NL", "Noord-Brabant", "Eindhoven", 51.4416, 5.4697, "Europe/Amsterdam"),
        new("DE", "Berlin", "Berlin", 52.5200, 13.4050, "Europe/Berlin"),
        new("DE", "Bavaria", "Munich", 48.1351, 11.5820, "Europe/Berlin"),
        new("DE", "Hamburg", "Hamburg", 53.5511, 9.9937, "Europe/Berlin"),
        new("DE", "North Rhine-Westphalia", "Cologne", 50.9375, 6.9603, "Europe/Berlin"),
        new("GB", "England", "London", 51.5074, -0.1278, "Europe/London"),
        new("GB", "England", "Manchester", 53.4808, -2.2426, "Europe/London"),
        new("GB", "Scotland", "Edinburgh", 55.9533, -3.1883, "Europe/London"),
        new("FR", "Île-de-France", "Paris", 48.8566, 2.3522, "Europe/Paris"),
        new("FR", "Auvergne-Rhône-Alpes", "Lyon", 45.7640, 4.8357, "Europe/Paris"),
        new("FR", "Provence-Alpes-Côte d'Azur", "Marseille", 43.2965, 5.3698, "Europe/Paris"),
        new("US", "New York", "New York", 40.7128, -74.0060, "America/New_York"),
        new("US", "California", "San Francisco", 37.7749, -122.4194, "America/Los_Angeles"),
        new("US", "Illinois", "Chicago", 41.8781, -87.6298, "America/Chicago"),
        new("US", "Colorado", "Denver", 39.7392, -104.9903, "America/Denver"),
        new("BE", "Brussels-Capital", "Brussels", 50.8503, 4.3517, "Europe/Brussels"),
        new("BE", "Flanders", "Antwerp", 51.2194, 4.4025, "Europe/Brussels"),
        new("BE", "Flanders", "Ghent", 51.0543, 3.7174, "Europe/Brussels"),
        new("ES", "Community of Madrid", "Madrid", 40.4168, -3.7038, "Europe/Madrid"),
        new("ES", "Catalonia", "Barcelona", 41.3874, 2.1686, "Europe/Madrid"),
        new("ES", "Valencian Community", "Valencia", 39.4699, -0.3763, "Europe/Madrid"),
    ];

    private static readonly string[] Interests = ["hiking", "climbing", "camping", "trail running", "cycling", "skiing", "photography", "travel"];
    private static readonly string[] Values = ["sustainability", "quality", "value for money", "adventure", "community"];
    private static readonly string[] Lifestyles = ["weekend explorer", "urban commuter", "family outdoors", "expedition athlete"];
    private static readonly string[] Products = ["trail-jacket", "alpine-boots", "ultralight-tent", "down-sleeping-bag", "merino-base-layer", "day-pack"];

    public static async Task AddAsync(TouchpointDbContext db, List<Customer> customers, DateTime now, int days, CancellationToken ct)
    {
        var random = new Randomizer(20260301);
        AddCatalogue(db);
        var touchPoints = await AddTouchPointMappingsAsync(db, now, ct);
        foreach (var (customer, index) in customers.Select((c, i) => (c, i)))
        {
            DescribeCustomer(random, customer);
            db.CustomerTraits.AddRange(TraitIndex.Rows(customer));
            if (index % 8 == 0)
            {
                db.CustomerIdentities.Add(new CustomerIdentity
                {
                    CustomerId = customer.Id,
                    Kind = IdentityKind.AnonymousId,
                    Value = $"anon-{new Guid(random.Bytes(16)):N}",
                    CreatedAt = customer.CreatedAt,
                });
            }

            AddEvents(db, random, customer, index, touchPoints, now, days);
        }

        AddRules(db, random, customers, now);
    }

    private static void AddCatalogue(TouchpointDbContext db) => db.TraitDefinitions.AddRange(
        Trait("age", "Age", TraitCategory.Demographic, TraitType.Number, reporting: true),
        Trait("gender", "Gender", TraitCategory.Demographic, TraitType.Text),
        Trait("interests", "Interests", TraitCategory.Psychographic, TraitType.List),
        Trait("values", "Values", TraitCategory.Psychographic, TraitType.Text),
        Trait("lifestyle", "Lifestyle", TraitCategory.Psychographic, TraitType.Text),
        Trait("country", "Country", TraitCategory.Geographic, TraitType.Text, reporting: true),
        Trait("region", "Region", TraitCategory.Geographic, TraitType.Text),
        Trait("city", "City", TraitCategory.Geographic, TraitType.Text),
        Trait("coordinates", "Coordinates", TraitCategory.Geographic, TraitType.Coordinates),
        Trait("plan", "Plan", TraitCategory.Behavioral, TraitType.Text, reporting: true),
        Trait("lifetimeValue", "Lifetime value (EUR)", TraitCategory.Behavioral, TraitType.Number));

    private static TraitDefinition Trait(string key, string label, TraitCategory category, TraitType type, bool reporting = false) =>
        new() { Key = key, Label = label, Category = category, Type = type, IsReportingTrait = reporting };

    private sealed record DemoTouchPoints(Guid Website, Guid ProductPage, Guid Checkout, Guid App, Guid StorePurchase, Guid StoreVisit);

    /// <summary>The rules that tie tracked events to touch points, and a beacon touch point for store visits.</summary>
    private static async Task<DemoTouchPoints> AddTouchPointMappingsAsync(TouchpointDbContext db, DateTime now, CancellationToken ct)
    {
        var touchPoints = await db.TouchPoints.AsNoTracking().ToListAsync(ct);
        Guid Find(string name) => touchPoints.First(t => t.Name == name).Id;
        var discovery = await db.JourneyStages.FirstAsync(s => s.Name == "discovery", ct);
        var storeVisit = new TouchPoint { Name = "Store visit (beacon)", Channel = Channel.Sensor, StageId = discovery.Id };
        db.TouchPoints.Add(storeVisit);
        var points = new DemoTouchPoints(Find("Website visit"), Find("Product page"), Find("Checkout on web"), Find("Mobile app"),
            Find("In-store purchase"), storeVisit.Id);
        db.TouchPointMappings.AddRange(
            new TouchPointMapping { TouchPointId = points.Checkout, Source = TrackingSource.Web, EventType = EventType.Page, PathPrefix = "/checkout", Priority = 1, CreatedAt = now },
            new TouchPointMapping { TouchPointId = points.Checkout, Source = TrackingSource.Web, EventName = "Order Completed", Priority = 1, CreatedAt = now },
            new TouchPointMapping { TouchPointId = points.ProductPage, Source = TrackingSource.Web, EventType = EventType.Page, PathPrefix = "/products", Priority = 2, CreatedAt = now },
            new TouchPointMapping { TouchPointId = points.Website, Source = TrackingSource.Web, EventType = EventType.Page, Priority = 10, CreatedAt = now },
            new TouchPointMapping { TouchPointId = points.App, Source = TrackingSource.App, Priority = 10, CreatedAt = now },
            new TouchPointMapping { TouchPointId = points.StorePurchase, Source = TrackingSource.Store, EventName = "Order Completed", Priority = 1, CreatedAt = now },
            new TouchPointMapping { TouchPointId = points.StoreVisit, Source = TrackingSource.Sensor, EventName = "Store Visit", Priority = 1, CreatedAt = now });
        return points;
    }

    private static void DescribeCustomer(Randomizer random, Customer customer)
    {
        var city = random.ArrayElement(Cities.Where(c => c.Country == customer.Country).ToArray());
        // Spread customers around their city centre by up to ~10 km, so the map is not a single dot per city.
        var (latitude, longitude) = (Math.Round(city.Latitude + random.Double(-0.09, 0.09), 4), Math.Round(city.Longitude + random.Double(-0.12, 0.12), 4));
        (customer.Region, customer.City, customer.Latitude, customer.Longitude, customer.TimeZone) = (city.Region, city.Name, latitude, longitude, city.TimeZone);
        var plan = random.WeightedRandom(["basic", "plus", "pro"], [0.5f, 0.3f, 0.2f]);
        var traits = new JsonObject
        {
            ["age"] = random.Int(19, 72),
            ["gender"] = random.WeightedRandom(["female", "male", "non-binary"], [0.49f, 0.48f, 0.03f]),
            ["interests"] = new JsonArray(random.ArrayElements(Interests, random.Int(1, 3)).Select(i => (JsonNode)i).ToArray()),
            ["values"] = random.ArrayElement(Values),
            ["lifestyle"] = random.ArrayElement(Lifestyles),
            ["country"] = customer.Country,
            ["region"] = city.Region,
            ["city"] = city.Name,
            ["coordinates"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude },
            ["plan"] = plan,
            ["lifetimeValue"] = Math.Round(random.Double(40, 400) * (plan == "pro" ? 6 : plan == "plus" ? 3 : 1), 2),
        };
        customer.Traits = traits.ToJsonString();
        customer.Consent.Email = random.Bool(0.7f);
        customer.Consent.Surveys = random.Bool(0.85f);
        customer.Consent.Tracking = random.Bool(0.8f);
        customer.Consent.Sms = random.Bool(0.3f) ? true : null;
    }

    private static void AddEvents(TouchpointDbContext db, Randomizer random, Customer customer, int index, DemoTouchPoints points,
        DateTime now, int days)
    {
        var count = random.Int(3, 12);
        var last = (DateTime?)null;
        for (var n = 0; n < count; n++)
        {
            var at = now.AddDays(-random.Double(0, days)).AddSeconds(-random.Int(0, 59));
            var product = random.ArrayElement(Products);
            var e = random.Int(0, 9) switch
            {
                <= 2 => Event(EventType.Page, "Product", TrackingSource.Web, Channel.Web, points.ProductPage,
                    new JsonObject { ["path"] = $"/products/{product}", ["title"] = product.Replace('-', ' ') }),
                3 => Event(EventType.Page, "Home", TrackingSource.Web, Channel.Web, points.Website, new JsonObject { ["path"] = "/" }),
                4 => Event(EventType.Page, "Checkout", TrackingSource.Web, Channel.Web, points.Checkout, new JsonObject { ["path"] = "/checkout" }),
                5 => Event(EventType.Track, "Order Completed", TrackingSource.Web, Channel.Web, points.Checkout, Order(random, product)),
                6 => Event(EventType.Screen, random.ArrayElement(["Home", "Order Status", "Trail Finder"]), TrackingSource.App, Channel.App, points.App, []),
                7 => Event(EventType.Track, "Order Completed", TrackingSource.Store, Channel.Store, points.StorePurchase, Order(random, product)),
                _ => Event(EventType.Track, "Store Visit", TrackingSource.Sensor, Channel.Sensor, points.StoreVisit,
                    new JsonObject { ["beacon"] = $"entrance-{random.Int(1, 4)}", ["dwellMinutes"] = random.Int(3, 45) }),
            };
            e.CustomerId = customer.Id;
            e.MessageId = $"demo-{index}-{n}";
            e.OccurredAt = at;
            e.ReceivedAt = at;
            db.Events.Add(e);
            last = last is null || at > last ? at : last;
        }

        customer.LastSeenAt = last;
    }

    private static TrackedEvent Event(EventType type, string name, TrackingSource source, Channel channel, Guid touchPoint, JsonObject properties) =>
        new() { MessageId = "", Type = type, Name = name, Source = source, Channel = channel, TouchPointId = touchPoint, Properties = properties.ToJsonString() };

    private static JsonObject Order(Randomizer random, string product) =>
        new() { ["orderId"] = $"ord_{random.AlphaNumeric(8)}", ["total"] = Math.Round(random.Double(25, 480), 2), ["currency"] = "EUR", ["product"] = product };

    /// <summary>Personas, lifecycle rules and segments in the rule language; the segment maintainer evaluates them.</summary>
    private static void AddRules(TouchpointDbContext db, Randomizer random, List<Customer> customers, DateTime now)
    {
        db.Personas.AddRange(
            new Persona
            {
                Name = "Loyal advocate",
                Priority = 0,
                CreatedAt = now,
                Description = "Promoters who keep buying.",
                Rule = """{"type":"all","rules":[{"type":"score","metric":"nps","op":"gte","value":9},{"type":"event","name":"Order Completed","op":"gte","count":2}]}""",
            },
            new Persona
            {
                Name = "Weekend explorer",
                Priority = 1,
                CreatedAt = now,
                Description = "Hikers and campers who shop for trips.",
                Rule = """{"type":"any","rules":[{"type":"trait","key":"interests","op":"in","values":["hiking","camping"]},{"type":"trait","key":"lifestyle","op":"eq","value":"weekend explorer"}]}""",
            },
            new Persona
            {
                Name = "Bargain hunter",
                Priority = 2,
                CreatedAt = now,
                Description = "Basic plan, values price.",
                Rule = """{"type":"all","rules":[{"type":"trait","key":"plan","op":"eq","value":"basic"},{"type":"trait","key":"values","op":"eq","value":"value for money"}]}""",
            });
        db.LifecycleRules.AddRange(
            Stage(LifecycleStage.Discovery, """{"type":"event","name":"Home","op":"gte","count":1}""", now),
            Stage(LifecycleStage.Attraction, """{"type":"event","name":"Product","op":"gte","count":1}""", now),
            Stage(LifecycleStage.Purchase, """{"type":"event","name":"Order Completed","op":"gte","count":1}""", now),
            Stage(LifecycleStage.Use, """{"type":"all","rules":[{"type":"event","name":"Order Completed","op":"gte","count":1},{"type":"any","rules":[{"type":"event","name":"Order Status","op":"gte","count":1},{"type":"event","name":"Store Visit","op":"gte","count":1}]}]}""", now),
            Stage(LifecycleStage.Cultivation, """{"type":"event","name":"Order Completed","op":"gte","count":3}""", now),
            Stage(LifecycleStage.Advocacy, """{"type":"all","rules":[{"type":"score","metric":"nps","op":"gte","value":9},{"type":"event","name":"Order Completed","op":"gte","count":2}]}""", now));
        db.Segments.AddRange(
            Dynamic("Detractors", "Customers whose latest NPS answer is 0 to 6.", """{"type":"score","metric":"nps","op":"lte","value":6}""", now),
            Dynamic("Near Amsterdam", "Within 50 km of the Amsterdam flagship store.", """{"type":"radius","latitude":52.37,"longitude":4.89,"km":50}""", now),
            Dynamic("Dutch pro customers", "Pro plan customers in the Netherlands.", """{"type":"all","rules":[{"type":"trait","key":"plan","op":"eq","value":"pro"},{"type":"region","country":"NL"}]}""", now),
            Dynamic("Recent store buyers", "Bought in a store in the last 30 days.", """{"type":"event","name":"Order Completed","op":"gte","count":1,"withinDays":30}""", now));
        var beta = new Segment
        {
            Name = "Beta testers",
            Kind = SegmentKind.Static,
            Description = "Hand-picked testers of the new app.",
            CreatedAt = now,
            UpdatedAt = now,
        };
        var members = random.ListItems(customers, 25);
        db.Segments.Add(beta);
        db.SegmentMembers.AddRange(members.Select(c => new SegmentMember { SegmentId = beta.Id, CustomerId = c.Id, AddedAt = now }));
        beta.MemberCount = members.Count;
        beta.RecomputedAt = now;
    }

    private static LifecycleRule Stage(LifecycleStage stage, string rule, DateTime now) => new() { Stage = stage, Rule = rule, CreatedAt = now };

    private static Segment Dynamic(string name, string description, string rule, DateTime now) =>
        new() { Name = name, Description = description, Kind = SegmentKind.Dynamic, Rule = rule, CreatedAt = now, UpdatedAt = now };
}
