namespace Touchpoint.Core.Customers;

/// <summary>What a customer agreed to. Null means "not asked": only an explicit true allows contact.</summary>
public sealed class Consent
{
    public bool? Email { get; set; }
    public bool? Sms { get; set; }
    public bool? Surveys { get; set; }
    public bool? Tracking { get; set; }
}
