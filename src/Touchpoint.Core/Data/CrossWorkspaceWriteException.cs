namespace Touchpoint.Core.Data;

/// <summary>Thrown when code tries to write a row of a workspace other than the current one.</summary>
public sealed class CrossWorkspaceWriteException(string entity)
    : InvalidOperationException($"A {entity} of another workspace cannot be written from this workspace.");
