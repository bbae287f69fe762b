namespace Touchpoint.Core.Journeys.Editing;

/// <summary>What an edit did: the changed item, or the errors per field, or that the item does not exist (here).</summary>
public sealed record EditResult<T>(T? Value, Dictionary<string, string[]> Errors, bool NotFound = false)
    where T : class
{
    public bool Succeeded => Value is not null && Errors.Count == 0 && !NotFound;
}

public static class EditResult
{
    public static EditResult<T> Done<T>(T value)
        where T : class => new(value, []);

    public static EditResult<T> Missing<T>()
        where T : class => new(null, [], NotFound: true);

    public static EditResult<T> Invalid<T>(string field, string message)
        where T : class => new(null, new() { [field] = [message] });

    public static EditResult<T> Invalid<T>(Dictionary<string, string[]> errors)
        where T : class => new(null, errors);
}
