namespace Touchpoint.Core.Journeys;

/// <summary>Where an interaction happens. Fixed across workspaces so analytics compare like with like.</summary>
public enum Channel
{
    Web,
    App,
    Store,
    Phone,
    Chat,
    Email,
    Social,
    Sensor,
}
