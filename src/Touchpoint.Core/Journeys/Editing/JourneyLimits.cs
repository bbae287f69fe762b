namespace Touchpoint.Core.Journeys.Editing;

/// <summary>Sizes a journey map stays readable at; the column lengths of the journey tables.</summary>
public static class JourneyLimits
{
    public const int MaxJourneyName = 200;
    public const int MaxDescription = 2000;
    public const int MaxStageName = 100;
    public const int MaxTouchPointName = 200;
    public const int MaxStages = 20;
    public const int MaxTouchPointsPerStage = 30;
    public const int MaxJourneys = 50;
}
