using Touchpoint.Core.Data;

namespace Touchpoint.Core.Journeys;

/// <summary>The customer journey every new workspace starts with: eight stages and typical touch points.</summary>
public static class DefaultJourney
{
    public static readonly IReadOnlyList<string> Stages =
        ["awareness", "discovery", "attraction", "interaction", "purchase", "use", "cultivation", "advocacy"];

    /// <summary>Typical touch points per stage, so a new workspace can tie feedback to them at once.</summary>
    private static readonly (string Stage, string Name, Channel Channel)[] TypicalTouchPoints =
    [
        ("awareness", "Social media ad", Channel.Social),
        ("discovery", "Website visit", Channel.Web),
        ("attraction", "Product page", Channel.Web),
        ("interaction", "Live chat", Channel.Chat),
        ("interaction", "Support call", Channel.Phone),
        ("purchase", "Checkout on web", Channel.Web),
        ("purchase", "In-store purchase", Channel.Store),
        ("use", "Mobile app", Channel.App),
        ("use", "Support email", Channel.Email),
        ("cultivation", "Newsletter", Channel.Email),
        ("advocacy", "Review and referral", Channel.Social),
    ];

    public static Journey AddTo(TouchpointDbContext db)
    {
        var journey = new Journey { Name = "Customer journey", IsDefault = true, Description = "The default journey map." };
        for (var i = 0; i < Stages.Count; i++)
        {
            var stage = new JourneyStage { Name = Stages[i], Position = i, JourneyId = journey.Id };
            foreach (var (_, name, channel) in TypicalTouchPoints.Where(t => t.Stage == Stages[i]))
            {
                stage.TouchPoints.Add(new TouchPoint { Name = name, Channel = channel, StageId = stage.Id });
            }

            journey.Stages.Add(stage);
        }

        db.Journeys.Add(journey);
        return journey;
    }
}
