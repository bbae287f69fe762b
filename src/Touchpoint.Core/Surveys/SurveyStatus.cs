namespace Touchpoint.Core.Surveys;

/// <summary>Only a live survey accepts responses.</summary>
public enum SurveyStatus
{
    Live,
    Closed,
}
