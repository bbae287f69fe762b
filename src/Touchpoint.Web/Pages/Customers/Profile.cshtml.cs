using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Customers;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Customers;

/// <summary>
/// The 360 profile: who the customer is, what we know of them grouped by the trait catalogue, what
/// they consented to, where they are on a map, their segments and latest scores, and their timeline.
/// </summary>
[Authorize(Policy = "feedback.view")]
internal sealed class CustomerProfileModel(TouchpointDbContext db, CustomerTimeline timeline, CustomerEditor editor) : PageModel
{
    private const int TimelinePageSize = 25;

    public sealed record Trait(string Label, string Key, string Value);

    public sealed record TraitGroup(TraitCategory Category, IReadOnlyList<Trait> Traits);

    public CustomerProfile Profile { get; private set; } = null!;
    public Customer Customer => Profile.Customer;
    public List<TraitGroup> TraitGroups { get; private set; } = [];
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    public string? OlderCursor { get; private set; }
    public bool IsTimelineStart { get; private set; }
    public bool CanManage { get; private set; }

    public bool HasLocation => Customer.Latitude is not null && Customer.Longitude is not null;

    public static string Coordinate(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid id, string? before, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return NotFound();
        }

        Profile = await CustomerProfile.LoadAsync(db, customer, ct);
        CanManage = User.Has(Permission.ManageCustomers);
        TraitGroups = await GroupTraitsAsync(customer, ct);
        // A stale or hand-made cursor starts the timeline from the newest item again.
        var after = CustomerCursors.TryDecode(before, timeline.Kinds, out var position) ? position : null;
        IsTimelineStart = after is null;
        var page = await timeline.ReadAsync(customer.Id, after, TimelinePageSize, kinds: null, ct);
        Timeline = page.Items;
        OlderCursor = page.Next is { } next ? CustomerCursors.Encode(next) : null;
        return Page();
    }

    /// <summary>Sets the stage by hand, or (empty stage) hands it back to the lifecycle rules.</summary>
    public async Task<IActionResult> OnPostLifecycleAsync(Guid id, string? stage, CancellationToken ct)
    {
        if (!User.Has(Permission.ManageCustomers))
        {
            return Forbid();
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return NotFound();
        }

        var patch = new JsonObject { ["lifecycleStage"] = string.IsNullOrWhiteSpace(stage) ? null : stage };
        var result = await editor.UpdateAsync(customer, patch, User.Actor(), ct);
        TempData["Flash"] = !result.Succeeded
            ? "That is not a lifecycle stage; nothing changed."
            : customer.LifecycleSetManually
                ? $"Lifecycle stage set by hand to {customer.LifecycleStage}. Lifecycle rules leave it alone until you hand it back."
                : "The lifecycle stage is computed by the lifecycle rules again.";
        return Redirect($"/customers/{id}");
    }

    private async Task<List<TraitGroup>> GroupTraitsAsync(Customer customer, CancellationToken ct)
    {
        var catalogue = await db.TraitDefinitions.AsNoTracking().ToDictionaryAsync(t => t.Key, ct);
        var traits = JsonNode.Parse(customer.Traits) as JsonObject ?? [];
        return traits
            .Select(t => catalogue.TryGetValue(t.Key, out var definition)
                ? (definition.Category, new Trait(definition.Label, t.Key, Show(t.Value)))
                : (TraitCategory.Other, new Trait(t.Key, t.Key, Show(t.Value))))
            .GroupBy(t => t.Item1)
            .OrderBy(g => g.Key)
            .Select(g => new TraitGroup(g.Key, g.Select(t => t.Item2).OrderBy(t => t.Label, StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();
    }

    /// <summary>Text for a trait value: lists joined, a location as "latitude, longitude", other objects as compact JSON.</summary>
    private static string Show(JsonNode? value) => value switch
    {
        null => "–",
        JsonObject point when point["latitude"] is JsonValue lat && point["longitude"] is JsonValue lon
            && lat.GetValueKind() == JsonValueKind.Number && lon.GetValueKind() == JsonValueKind.Number =>
            $"{Coordinate(lat.GetValue<double>())}, {Coordinate(lon.GetValue<double>())}",
        JsonArray list => string.Join(", ", list.Select(Show)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "yes",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "no",
        _ => value.ToJsonString(),
    };
}
