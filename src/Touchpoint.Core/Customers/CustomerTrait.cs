using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>
/// One scalar value of a customer's trait, so segment and persona rules can query traits with
/// indexes on both databases. A list trait (interests) has a row per element. Rewritten from
/// <see cref="Customer.Traits"/> whenever the traits change; never edited on its own.
/// </summary>
public sealed class CustomerTrait : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid CustomerId { get; set; }
    public required string Key { get; set; }
    /// <summary>Strings, booleans ("true"/"false") and dates (ISO 8601) as text; lower-cased for matching.</summary>
    public string? Text { get; set; }
    /// <summary>Numbers, and dates as Unix seconds.</summary>
    public double? Number { get; set; }
}
