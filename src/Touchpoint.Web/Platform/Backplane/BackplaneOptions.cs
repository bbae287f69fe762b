namespace Touchpoint.Web.Platform.Backplane;

/// <summary>Bound from <c>Touchpoint:Backplane</c> (docs/configuration.md).</summary>
internal sealed class BackplaneOptions
{
    public const string Section = "Touchpoint:Backplane";

    /// <summary>
    /// Tell the other nodes through PostgreSQL LISTEN/NOTIFY. On by default on PostgreSQL; ignored on
    /// SQLite (one node). Turn it off for a single PostgreSQL node to save its listening connection.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
