using Touchpoint.Core.Customers;

namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// What the contact policy needs to know about one survey and one customer, read from the database
/// in one place so the rules themselves are a pure function that tests can drive with any clock.
/// <c>LastContactAnySurvey</c> is the latest invitation (scheduled or sent) or answer of the customer
/// within the quarantine window, any survey; <c>LastContactThisSurvey</c> the same for this survey.
/// </summary>
public sealed record ContactFacts(
    SurveyStatus SurveyStatus,
    int? SurveyQuarantineDays,
    Consent? Consent,
    string? Email,
    string? CustomerTimeZone,
    string WorkspaceTimeZone,
    ContactRules Rules,
    DateTime? LastContactAnySurvey,
    DateTime? LastContactThisSurvey);
