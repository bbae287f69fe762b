using System.Text.Json;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Web.Customers;

/// <summary>A customer profile as the REST API shows it.</summary>
internal sealed record CustomerDto(
    Guid Id,
    string? ExternalId,
    string? Email,
    string? Phone,
    string? Name,
    JsonElement Traits,
    string? Country,
    string? Region,
    string? City,
    double? Latitude,
    double? Longitude,
    string? TimeZone,
    LifecycleStage? LifecycleStage,
    bool LifecycleSetManually,
    CustomerDto.Named? Persona,
    IReadOnlyList<CustomerDto.Named> Segments,
    CustomerDto.ConsentDto Consent,
    CustomerDto.Scores LatestScores,
    IReadOnlyList<CustomerDto.IdentityDto> Identities,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? LastSeenAt)
{
    public sealed record Named(Guid Id, string Name);

    /// <summary>The latest churn-risk score with its reasons; only GET /customers/{id} fills it, null until the customer is scored.</summary>
    public Analytics.Insights.ChurnRiskDto? ChurnRisk { get; init; }

    public sealed record ConsentDto(bool? Email, bool? Sms, bool? Surveys, bool? Tracking);

    public sealed record ScoreAt(int Score, DateTime At);

    public sealed record Scores(ScoreAt? Nps, ScoreAt? Csat, ScoreAt? Ces);

    /// <summary>kind: anonymousId or previousId.</summary>
    public sealed record IdentityDto(IdentityKind Kind, string Value, DateTime CreatedAt);

    public static CustomerDto From(CustomerProfile profile)
    {
        var c = profile.Customer;
        using var traits = JsonDocument.Parse(c.Traits);
        return new CustomerDto(c.Id, c.ExternalId, c.Email, c.Phone, c.Name, traits.RootElement.Clone(), c.Country, c.Region, c.City,
            c.Latitude, c.Longitude, c.TimeZone, c.LifecycleStage, c.LifecycleSetManually,
            profile.Persona is { } p ? new Named(p.Id, p.Name) : null,
            profile.Segments.Select(s => new Named(s.Id, s.Name)).ToList(),
            new ConsentDto(c.Consent.Email, c.Consent.Sms, c.Consent.Surveys, c.Consent.Tracking),
            new Scores(Score(profile, SurveyMetric.Nps), Score(profile, SurveyMetric.Csat), Score(profile, SurveyMetric.Ces)),
            profile.Identities.Select(i => new IdentityDto(i.Kind, i.Value, i.CreatedAt)).ToList(),
            c.CreatedAt, c.UpdatedAt, c.LastSeenAt);
    }

    private static ScoreAt? Score(CustomerProfile profile, SurveyMetric metric) =>
        profile.LatestScores.TryGetValue(metric, out var s) ? new ScoreAt(s.Score, s.At) : null;
}

/// <summary>One timeline entry as the REST API shows it.</summary>
internal sealed record TimelineItemDto(string Kind, DateTime At, string Title, string? Channel, string? TouchPoint, string? Source,
    JsonElement Details)
{
    public static TimelineItemDto From(TimelineItem item)
    {
        using var details = JsonDocument.Parse(item.Details.ToJsonString());
        return new TimelineItemDto(item.Kind, item.At, item.Title, item.Channel?.ToString().ToLowerInvariant(), item.TouchPoint, item.Source,
            details.RootElement.Clone());
    }
}
