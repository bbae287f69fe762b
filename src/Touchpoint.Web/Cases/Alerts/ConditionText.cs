using System.Globalization;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Alerts;

namespace Touchpoint.Web.Cases.Alerts;

/// <summary>A rule's conditions and assignment in words, for the rules list.</summary>
internal static class ConditionText
{
    public static string Describe(string conditions)
    {
        IReadOnlyList<AlertCondition> read;
        try
        {
            read = AlertConditions.Read(conditions);
        }
        catch (System.Text.Json.JsonException)
        {
            return "(conditions unreadable)";
        }

        return string.Join(" and ", read.Select(One));
    }

    private static string One(AlertCondition c) => c.Kind switch
    {
        AlertConditionKinds.Score => $"{c.Metric?.ToUpperInvariant()} {Range(c.Min, c.Max)}",
        AlertConditionKinds.Sentiment => c.Label is { } label ? $"{label} sentiment" : $"sentiment below {N(c.Below)}",
        AlertConditionKinds.Signal => $"signal {c.Value}",
        AlertConditionKinds.Topic => $"topic {c.Value}",
        AlertConditionKinds.Csat => $"chat rated {N(c.Max)} or less",
        AlertConditionKinds.Wait => $"first reply after more than {c.Minutes} min",
        AlertConditionKinds.Event => $"event {c.Value}",
        AlertConditionKinds.Property => $"{c.Path} {c.Op} {c.Value}",
        AlertConditionKinds.Segment => $"in a segment ({c.At ?? "default"})",
        _ => c.Kind == AlertConditionKinds.Channel ? $"channel {c.Value}" : $"a given {c.Kind}",
    };

    private static string Range(decimal? min, decimal? max) => (min, max) switch
    {
        ({ } a, { } b) => $"{N(a)}-{N(b)}",
        (null, { } b) => $"at most {N(b)}",
        ({ } a, null) => $"at least {N(a)}",
        _ => "",
    };

    private static string N(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static string Assignment(CaseAssignment assignment, string? team) => assignment switch
    {
        CaseAssignment.HandlingAgent => "the agent who handled it",
        CaseAssignment.TouchPointTeam => "the touch point's team",
        CaseAssignment.Team => $"{team ?? "a deleted team"}'s queue",
        CaseAssignment.RoundRobin => $"{team ?? "a deleted team"}, in turn",
        _ => "unassigned",
    };
}
