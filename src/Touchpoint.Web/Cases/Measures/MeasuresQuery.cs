using Touchpoint.Core.Cases.Measures;
using Touchpoint.Web.Conversations;

namespace Touchpoint.Web.Cases.Measures;

/// <summary>The period and breakdown asked for (API and page alike), checked: the last 30 days when no period is given.</summary>
internal static class MeasuresQuery
{
    public const int MaxDays = 731;

    public static (DateTime From, DateTime To, CaseGrouping GroupBy)? Read(DateTimeOffset? from, DateTimeOffset? to, string? groupBy, DateTime now,
        Dictionary<string, string[]> errors)
    {
        var end = to?.UtcDateTime ?? now;
        var start = from?.UtcDateTime ?? end.AddDays(-30);
        if (start >= end)
        {
            errors["to"] = ["'to' must come after 'from'."];
        }
        else if ((end - start).TotalDays > MaxDays)
        {
            errors["from"] = [$"Ask for at most {MaxDays} days at a time."];
        }

        var grouping = CaseGrouping.None;
        if (!string.IsNullOrWhiteSpace(groupBy))
        {
            var choices = new Dictionary<string, CaseGrouping>(StringComparer.OrdinalIgnoreCase)
            {
                ["owner"] = CaseGrouping.Owner,
                ["team"] = CaseGrouping.Team,
                ["rootCause"] = CaseGrouping.RootCause,
                ["touchPoint"] = CaseGrouping.TouchPoint,
                ["priority"] = CaseGrouping.Priority,
            };
            if (!choices.TryGetValue(groupBy, out grouping))
            {
                errors["groupBy"] = [$"'{groupBy}' is not one of: {string.Join(", ", choices.Keys)}."];
            }
        }

        return errors.Count > 0 ? null : (start, end, grouping);
    }

    public static string Name(CaseGrouping grouping) => JsonNames.Of(grouping);
}
