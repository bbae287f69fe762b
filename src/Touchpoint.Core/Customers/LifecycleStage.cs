namespace Touchpoint.Core.Customers;

/// <summary>Where a customer is in their relationship with the company, in order (the default journey's stages).</summary>
public enum LifecycleStage
{
    Awareness,
    Discovery,
    Attraction,
    Interaction,
    Purchase,
    Use,
    Cultivation,
    Advocacy,
}
