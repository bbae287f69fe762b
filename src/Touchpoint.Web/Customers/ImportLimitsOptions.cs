namespace Touchpoint.Web.Customers;

/// <summary>Bound from <c>Touchpoint:Import</c>.</summary>
internal sealed class ImportLimitsOptions
{
    public const string Section = "Touchpoint:Import";

    /// <summary>Largest CSV file the API and the import page accept (the command line has no limit).</summary>
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;
}
