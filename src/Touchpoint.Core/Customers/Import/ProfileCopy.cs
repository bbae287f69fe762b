using System.Text.Json.Nodes;

namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// Copies of a profile's own fields, so an import can try a row on a copy and keep the stored
/// profile untouched when the row has errors, and tell an unchanged row from a changed one.
/// </summary>
internal static class ProfileCopy
{
    public static Customer Clone(Customer c)
    {
        var copy = new Customer { Id = c.Id, WorkspaceId = c.WorkspaceId, CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt, LastSeenAt = c.LastSeenAt };
        CopyProfile(c, copy);
        return copy;
    }

    public static void CopyProfile(Customer from, Customer to)
    {
        to.ExternalId = from.ExternalId;
        to.Email = from.Email;
        to.Phone = from.Phone;
        to.Name = from.Name;
        to.Traits = from.Traits;
        to.Country = from.Country;
        to.Region = from.Region;
        to.City = from.City;
        to.Latitude = from.Latitude;
        to.Longitude = from.Longitude;
        to.TimeZone = from.TimeZone;
        to.LifecycleStage = from.LifecycleStage;
        to.LifecycleSetManually = from.LifecycleSetManually;
        to.Consent = new Consent
        {
            Email = from.Consent.Email,
            Sms = from.Consent.Sms,
            Surveys = from.Consent.Surveys,
            Tracking = from.Consent.Tracking,
        };
    }

    public static bool SameProfile(Customer a, Customer b) =>
        a.ExternalId == b.ExternalId && a.Email == b.Email && a.Phone == b.Phone && a.Name == b.Name
        && a.Country == b.Country && a.Region == b.Region && a.City == b.City
        && Nullable.Equals(a.Latitude, b.Latitude) && Nullable.Equals(a.Longitude, b.Longitude)
        && a.TimeZone == b.TimeZone && a.LifecycleStage == b.LifecycleStage && a.LifecycleSetManually == b.LifecycleSetManually
        && a.Consent.Email == b.Consent.Email && a.Consent.Sms == b.Consent.Sms
        && a.Consent.Surveys == b.Consent.Surveys && a.Consent.Tracking == b.Consent.Tracking
        && JsonNode.DeepEquals(JsonNode.Parse(a.Traits), JsonNode.Parse(b.Traits));

    /// <summary>
    /// Incoming nested objects (address, consent) are merged into the stored ones, so a file with
    /// only address.city keeps the stored address.street: Apply itself replaces top-level keys whole.
    /// </summary>
    public static JsonObject MergeNested(Customer customer, JsonObject incoming)
    {
        if (JsonNode.Parse(customer.Traits) is not JsonObject stored)
        {
            return incoming;
        }

        var merged = new JsonObject();
        foreach (var (key, value) in incoming)
        {
            merged[key] = value is JsonObject update && stored[key] is JsonObject existing ? Merge(existing, update) : value?.DeepClone();
        }

        return merged;
    }

    private static JsonObject Merge(JsonObject existing, JsonObject update)
    {
        var result = (JsonObject)existing.DeepClone();
        foreach (var (key, value) in update)
        {
            result[key] = value is JsonObject inner && result[key] is JsonObject old ? Merge(old, inner) : value?.DeepClone();
        }

        return result;
    }
}
