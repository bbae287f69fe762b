namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// The file as a whole cannot be imported (empty, no usable header, wrong encoding, a mapping that
/// names no column): nothing is written, and the caller shows <see cref="Field"/> and the message.
/// </summary>
public sealed class ImportFileException(string field, string message) : Exception(message)
{
    /// <summary>What to fix: "file", "encoding" or "map".</summary>
    public string Field { get; } = field;
}
