namespace Touchpoint.Web.Platform.Backplane;

/// <summary>Bound from <c>Touchpoint:Backplane</c> (docs/configuration.md).</summary>
internal sealed class BackplaneOptions
{
    public const string Section = "Touchpoint:Backplane";

    /// <summary>
    /// Tell the other nodes through PostgreSQL LISTEN/NOTIFY; ignored on SQLite (one node). Off unless
    /// set: running several nodes is a deliberate step (a load balancer in front), and the notices
    /// cost a single node time it does not need to spend (PostgreSQL serialises the commits that
    /// notify; measured in docs/BENCHMARKS.md, chat-fanout).
    /// </summary>
    public bool Enabled { get; set; }
}
