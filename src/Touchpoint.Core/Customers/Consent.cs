namespace Touchpoint.Core.Customers;

/// <summary>
/// What a customer agreed to or refused. Null means "not asked" and is treated as no objection:
/// tracked events are kept and survey invitations go out; an explicit false always stops that kind
/// of contact (invitations check Surveys and, for email, Email; tracking checks Tracking).
/// </summary>
public sealed class Consent
{
    public bool? Email { get; set; }
    public bool? Sms { get; set; }
    public bool? Surveys { get; set; }
    public bool? Tracking { get; set; }
}
