using System.Text.Json.Nodes;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Sla;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Demo;

/// <summary>
/// Seeds "Northwind Outfitters": hundreds of customers and months of NPS, CSAT and CES answers with
/// comments across channels and touch points, so every chart has something to show. Deterministic
/// (fixed random seed) so screenshots and docs stay comparable.
/// </summary>
public sealed class DemoSeeder(
    TouchpointDbContext db,
    UserManager<User> users,
    WorkspaceProvisioner provisioner,
    SurveyService surveys,
    TimeProvider clock)
{
    public const string WorkspaceName = "Northwind Outfitters";

    public sealed record Seeded(Workspace Workspace, string AdminEmail, bool Created);

    public async Task<Seeded> SeedAsync(DemoOptions options, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var existing = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Name == WorkspaceName, ct);
        if (existing is not null)
        {
            return new Seeded(existing, options.AdminEmail, false);
        }

        progress?.Report("Creating the demo admin");
        var admin = await EnsureAdminAsync(options);
        var workspace = await provisioner.CreateAsync(WorkspaceName, "Europe/Amsterdam", admin, ct);

        progress?.Report($"Adding {options.Customers} customers");
        var customers = AddCustomers(options.Customers);
        await db.SaveChangesAsync(ct);

        progress?.Report("Adding traits, events, personas and segments");
        await DemoCustomerProfiles.AddAsync(db, customers, clock.GetUtcNow().UtcDateTime, options.Days, ct);
        await DemoJourneys.AddAsync(db, customers, clock.GetUtcNow().UtcDateTime, options.Days, ct);
        await db.SaveChangesAsync(ct);
        // Answers carry who the customer was when they answered (segments, persona): evaluate them first.
        progress?.Report("Evaluating personas and segments for the answers' snapshots");
        await new Segments.SegmentEvaluator(db, clock).RefreshAsync(null, ct);
        var snapshots = new Dictionary<Guid, string?>();
        foreach (var customer in customers)
        {
            snapshots[customer.Id] = await ResponseSnapshot.TakeAsync(db, customer.Id, ct);
        }

        progress?.Report("Creating NPS, CSAT and CES surveys");
        // Sensors record visits; nobody answers a survey at a beacon.
        var touchPoints = await db.TouchPoints.AsNoTracking().Where(t => t.Channel != Channel.Sensor).ToListAsync(ct);
        TouchPoint Find(string name) => touchPoints.First(t => t.Name == name);
        var nps = await surveys.CreateAsync(new("Relationship NPS", SurveyMetric.Nps, null, null, null), WorkspaceName, "system", ct);
        var csat = await surveys.CreateAsync(new("Post-purchase CSAT", SurveyMetric.Csat, "How satisfied are you with your purchase?", null,
            Find("Checkout on web").Id), WorkspaceName, "system", ct);
        var ces = await surveys.CreateAsync(new("Support effort (CES)", SurveyMetric.Ces, null, "What could we have made easier?",
            Find("Support call").Id), WorkspaceName, "system", ct);

        progress?.Report($"Adding {options.Days} days of responses");
        var faker = new Randomizer(20261122);
        var now = clock.GetUtcNow().UtcDateTime;
        AddResponses(faker, nps, customers, snapshots, touchPoints, now, options.Days, perDay: 14);
        AddResponses(faker, csat, customers, snapshots, touchPoints, now, options.Days, perDay: 8);
        AddResponses(faker, ces, customers, snapshots, touchPoints, now, options.Days, perDay: 5);
        DemoTextAnalysis.AddForPending(db, now);
        await db.SaveChangesAsync(ct);

        DemoSla.Add(db, workspace, admin.Id, now);
        progress?.Report("Adding inboxes and conversations");
        DemoConversations.Add(db, admin, customers, now);
        DemoTextAnalysis.AddForPending(db, now);
        Cases.Remedies.DemoAuthority.Add(db, now);
        await db.SaveChangesAsync(ct);
        await Cases.Alerts.DemoCases.AddAsync(db, workspace.Id, ct);
        await Analytics.Outcomes.DemoOutcomes.AddAsync(db, customers, now, ct);
        progress?.Report("Demo workspace ready");
        return new Seeded(workspace, options.AdminEmail, true);
    }

    private async Task<User> EnsureAdminAsync(DemoOptions options)
    {
        var admin = await users.FindByEmailAsync(options.AdminEmail);
        if (admin is not null)
        {
            return admin;
        }

        admin = new User
        {
            UserName = options.AdminEmail,
            Email = options.AdminEmail,
            EmailConfirmed = true,
            DisplayName = "Demo Admin",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(admin, options.AdminPassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the demo admin: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return admin;
    }

    private List<Customer> AddCustomers(int count)
    {
        var created = clock.GetUtcNow().UtcDateTime;
        var faker = new Faker<Customer>()
            .UseSeed(42)
            .RuleFor(c => c.Name, f => f.Name.FullName())
            .RuleFor(c => c.Email, (f, c) => f.Internet.Email(c.Name!.Split(' ')[0], c.Name!.Split(' ')[^1], "example.com"))
            .RuleFor(c => c.ExternalId, f => $"cus_{f.Random.AlphaNumeric(10)}")
            .RuleFor(c => c.Country, f => f.PickRandom("NL", "DE", "GB", "FR", "US", "BE", "ES"))
            .RuleFor(c => c.LifecycleStage, f => f.PickRandom(LifecycleStage.Purchase, LifecycleStage.Use, LifecycleStage.Use,
                LifecycleStage.Cultivation, LifecycleStage.Advocacy, LifecycleStage.Interaction))
            .RuleFor(c => c.CreatedAt, f => created.AddDays(-f.Random.Int(200, 900)))
            .RuleFor(c => c.UpdatedAt, (_, c) => c.CreatedAt);
        var customers = faker.Generate(count);
        db.Customers.AddRange(customers);
        return customers;
    }

    /// <summary>
    /// A gentle upward trend, weaker on phone support, with comments that match the score.
    /// </summary>
    private void AddResponses(Randomizer random, Survey survey, List<Customer> customers, Dictionary<Guid, string?> snapshots, List<TouchPoint> touchPoints,
        DateTime now, int days, int perDay)
    {
        var scale = RatingScale.For(survey.Metric);
        for (var day = days; day >= 0; day--)
        {
            var progressShare = 1 - (double)day / days;
            var count = random.Int(perDay / 2, perDay * 3 / 2);
            for (var i = 0; i < count; i++)
            {
                var touchPoint = survey.TouchPointId is { } fixedPoint
                    ? touchPoints.First(t => t.Id == fixedPoint)
                    : random.ListItem(touchPoints);
                var quality = random.Double() + (0.15 * progressShare) - (touchPoint.Channel == Channel.Phone ? 0.15 : 0);
                var score = ScoreFor(scale, quality, random);
                var position = (double)(score - scale.Min) / (scale.Max - scale.Min);
                var comment = random.Double() < 0.6 ? CommentFor(position, random) : null;
                var submittedAt = now.AddDays(-day).AddMinutes(-random.Int(0, 1439));
                var seconds = random.Int(20, 240);
                var customer = random.ListItem(customers).Id;
                db.Responses.Add(new Response
                {
                    SurveyId = survey.Id,
                    Metric = survey.Metric,
                    Score = score,
                    Comment = comment,
                    // The standard survey's question ids, so the response page shows the answers.
                    Answers = (comment is null ? new JsonObject { ["score"] = score } : new JsonObject { ["score"] = score, ["comment"] = comment }).ToJsonString(),
                    CustomerId = customer,
                    Snapshot = snapshots[customer],
                    TouchPointId = touchPoint.Id,
                    Channel = touchPoint.Channel,
                    StartedAt = submittedAt.AddSeconds(-seconds),
                    SubmittedAt = submittedAt,
                    DurationSeconds = seconds,
                });
            }
        }
    }

    private static int ScoreFor(RatingScale scale, double quality, Randomizer random)
    {
        // Skewed toward the top, as real answers are: most customers are content, a tail is not.
        var skewed = Math.Clamp(Math.Pow(Math.Clamp(quality, 0, 1), 0.45) + random.Double(-0.08, 0.08), 0, 1);
        return scale.Min + (int)Math.Round(skewed * (scale.Max - scale.Min));
    }

    private static string CommentFor(double position, Randomizer random) => position switch
    {
        >= 0.8 => random.ArrayElement(DemoComments.Positive),
        >= 0.6 => random.ArrayElement(DemoComments.Neutral),
        _ => random.ArrayElement(DemoComments.Negative),
    };
}
