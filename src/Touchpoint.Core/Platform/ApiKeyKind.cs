namespace Touchpoint.Core.Platform;

/// <summary>REST keys are secret and scoped; write keys only send tracking events and may sit in a web page.</summary>
public enum ApiKeyKind
{
    Rest,
    Write,
}
