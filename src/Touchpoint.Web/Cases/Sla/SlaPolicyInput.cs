using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Sla;
using Touchpoint.Web.Conversations;

namespace Touchpoint.Web.Cases.Sla;

/// <summary>
/// One priority's SLA policy as the API and the settings page send it:
/// <c>{"priority": "urgent", "firstResponseMinutes": 60, "resolutionMinutes": 480, "warnAtPercent": 80,
/// "businessHours": {...} or null, "escalateToUserId": null, "reassignOnBreach": false}</c>.
/// </summary>
internal sealed record SlaPolicyInput(string? Priority, int? FirstResponseMinutes, int? ResolutionMinutes, int? WarnAtPercent,
    BusinessHoursInput? BusinessHours, Guid? EscalateToUserId, bool? ReassignOnBreach)
{
    /// <summary>A year: longer targets are a typing mistake, and would make clocks walk far.</summary>
    public const int MaxMinutes = 525_600;

    public static SlaPolicyInput From(SlaPolicy policy) => new(JsonNames.Of(policy.Priority), policy.FirstResponseMinutes, policy.ResolutionMinutes,
        policy.WarnAtPercent, BusinessHoursInput.From(Touchpoint.Core.Conversations.BusinessHours.FromJson(policy.BusinessHours)),
        policy.EscalateToUserId, policy.ReassignOnBreach);

    /// <summary>
    /// Checks a whole set of policies (at most one per priority) against the workspace's members;
    /// returns the policies to keep, or null with <paramref name="errors"/> naming each field to fix.
    /// </summary>
    public static List<SlaPolicy>? Check(IReadOnlyList<SlaPolicyInput?>? inputs, IReadOnlySet<Guid> members, Dictionary<string, string[]> errors)
    {
        if (inputs is null)
        {
            errors["policies"] = ["Send the policies as a list, one per priority: {\"policies\": [{\"priority\": \"urgent\", ...}]}."];
            return null;
        }

        var policies = new List<SlaPolicy>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"policies[{i}]";
            if (inputs[i] is not { } input)
            {
                errors[field] = ["Send an object for each policy."];
                continue;
            }

            if (input.ToModel(field, members, errors) is { } policy)
            {
                if (policies.Any(p => p.Priority == policy.Priority))
                {
                    errors[$"{field}.priority"] = [$"There is already a policy for {JsonNames.Of(policy.Priority)}: send one per priority."];
                    continue;
                }

                policies.Add(policy);
            }
        }

        return errors.Count > 0 ? null : policies;
    }

    private SlaPolicy? ToModel(string field, IReadOnlySet<Guid> members, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        CasePriority? priority = null;
        if (Priority is null)
        {
            errors[$"{field}.priority"] = ["Name the priority: low, normal, high or urgent."];
        }
        else
        {
            priority = EnumField.Read<CasePriority>(Priority, $"{field}.priority", errors);
        }

        Minutes(FirstResponseMinutes, $"{field}.firstResponseMinutes", "first response", errors);
        Minutes(ResolutionMinutes, $"{field}.resolutionMinutes", "resolution", errors);
        if (FirstResponseMinutes is > 0 && ResolutionMinutes is > 0 && ResolutionMinutes < FirstResponseMinutes)
        {
            errors[$"{field}.resolutionMinutes"] = ["The resolution target cannot come before the first response target: make it at least as long."];
        }

        if (WarnAtPercent is < 1 or > 99)
        {
            errors[$"{field}.warnAtPercent"] = ["Warn at 1 to 99 percent of a target (80 warns when a fifth of the time is left)."];
        }

        string? hours = null;
        if (BusinessHours is not null)
        {
            var hoursErrors = new Dictionary<string, string[]>();
            if (BusinessHours.ToModel(hoursErrors) is { } model)
            {
                if (BusinessClock.WhyNeverOpen(model) is { } reason)
                {
                    errors[$"{field}.businessHours"] = [reason];
                }
                else
                {
                    hours = model.ToJson();
                }
            }

            foreach (var (key, messages) in hoursErrors)
            {
                errors[$"{field}.{key}"] = messages;
            }
        }

        if (EscalateToUserId is { } person && !members.Contains(person))
        {
            errors[$"{field}.escalateToUserId"] = ["This person is not a member of the workspace: pick a member to escalate to."];
        }

        if (ReassignOnBreach == true && EscalateToUserId is null)
        {
            errors[$"{field}.reassignOnBreach"] = ["Reassigning on a breach needs someone to hand the case to: set escalateToUserId."];
        }

        return errors.Count > before || priority is null
            ? null
            : new SlaPolicy
            {
                Priority = priority.Value,
                FirstResponseMinutes = FirstResponseMinutes!.Value,
                ResolutionMinutes = ResolutionMinutes!.Value,
                WarnAtPercent = WarnAtPercent ?? 80,
                BusinessHours = hours,
                EscalateToUserId = EscalateToUserId,
                ReassignOnBreach = ReassignOnBreach ?? false,
            };
    }

    private static void Minutes(int? value, string field, string name, Dictionary<string, string[]> errors)
    {
        if (value is null or < 1 or > MaxMinutes)
        {
            errors[field] = [$"Give the {name} target in business minutes, from 1 to {MaxMinutes:N0} (a year)."];
        }
    }
}
