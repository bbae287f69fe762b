using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Core.Surveys;

/// <summary>
/// When the web intercept shows a survey on a customer's site: any trigger fires it, then the
/// visitor is sampled, then it waits <see cref="DelaySeconds"/>. Stored as JSON on the survey.
/// </summary>
public sealed class InterceptSettings
{
    public const int MaxTriggers = 20;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly IReadOnlyList<string> TriggerTypes = ["page", "event", "timeOnPage", "exitIntent"];

    public List<InterceptTrigger> Triggers { get; set; } = [];
    /// <summary>The share of visitors (0-100) who are asked once a trigger fires.</summary>
    public int SamplingPercent { get; set; } = 100;
    public int DelaySeconds { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static InterceptSettings? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<InterceptSettings>(json, Json);

    /// <summary>Field errors (e.g. <c>triggers[0].seconds</c>); empty when the settings can be saved.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Triggers.Count is 0 or > MaxTriggers)
        {
            errors["triggers"] = [$"Give 1 to {MaxTriggers} triggers, each of type {string.Join(", ", TriggerTypes)}."];
        }

        for (var i = 0; i < Triggers.Count; i++)
        {
            var t = Triggers[i];
            var at = $"triggers[{i}]";
            switch (t.Type)
            {
                case "page":
                    if (string.IsNullOrEmpty(t.PathPrefix) || t.PathPrefix[0] != '/' || t.PathPrefix.Length > 500)
                    {
                        errors[$"{at}.pathPrefix"] = ["A page trigger needs a path prefix starting with '/' (e.g. \"/checkout\"), at most 500 characters."];
                    }

                    break;
                case "event":
                    if (string.IsNullOrWhiteSpace(t.Name) || t.Name.Length > 100)
                    {
                        errors[$"{at}.name"] = ["An event trigger needs the event's name, 1 to 100 characters."];
                    }

                    break;
                case "timeOnPage":
                    if (t.Seconds is not (>= 1 and <= 3600))
                    {
                        errors[$"{at}.seconds"] = ["A time-on-page trigger needs 'seconds' from 1 to 3600."];
                    }

                    break;
                case "exitIntent":
                    break;
                default:
                    errors[$"{at}.type"] = [$"Use one of: {string.Join(", ", TriggerTypes)}."];
                    break;
            }
        }

        if (SamplingPercent is < 0 or > 100)
        {
            errors["samplingPercent"] = ["Use a whole percentage from 0 to 100."];
        }

        if (DelaySeconds is < 0 or > 600)
        {
            errors["delaySeconds"] = ["Use a delay from 0 to 600 seconds."];
        }

        return errors;
    }
}

/// <summary>One way an intercept fires: a page path, a tracked event, time on the page, or the pointer leaving it.</summary>
public sealed class InterceptTrigger
{
    public string Type { get; set; } = "";
    public string? PathPrefix { get; set; }
    public string? Name { get; set; }
    public int? Seconds { get; set; }
}
