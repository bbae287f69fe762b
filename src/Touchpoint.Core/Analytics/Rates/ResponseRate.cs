using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Analytics.Rates;

/// <summary>
/// One survey's invitations sent through one channel in a period and what became of them, or (when
/// <see cref="Invited"/> is false) the answers that came without an invitation: public link, QR code, web intercept.
/// <see cref="Rate"/> = Completed / Sent with its 95% Wilson interval; null without invitations, or when fewer
/// were sent than the workspace's minimum number of answers.
/// </summary>
public sealed record ResponseRate(Guid SurveyId, string SurveyName, bool Invited, Channel? Channel, int Sent, int Opened, int Started,
    int Partial, int Completed, double? Rate, double? Low, double? High);
