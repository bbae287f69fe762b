using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// What happens when a rule matches an item, in the rule's workspace and in one transaction: if the
/// same rule already has an open case for the same customer, the item is added to it (a
/// <see cref="CaseActivityKind.FeedbackAdded"/> line); otherwise a case is opened through
/// <see cref="CaseOpener"/> with its owner chosen by <see cref="OwnerAssigner"/>. Either way an
/// <see cref="AlertFiring"/> row records it, so the same match never fires twice. Anonymous items
/// (no customer) each open their own case.
/// </summary>
public sealed class AlertFirer(TouchpointDbContext db, CaseOpener opener, OwnerAssigner assigner, Notifier notifier, TimeProvider clock)
{
    public enum Outcome
    {
        AlreadyFired,
        Opened,
        Added,
    }

    public sealed record Result(Outcome Outcome, Guid? CaseId);

    public async Task<Result> FireAsync(AlertRule rule, AlertItem item, CancellationToken ct = default)
    {
        var key = item.Key;
        var fired = await db.AlertFirings.Where(f => f.AlertRuleId == rule.Id && f.ItemKey == key).Select(f => (Guid?)f.CaseId).FirstOrDefaultAsync(ct);
        if (fired is not null)
        {
            return new Result(Outcome.AlreadyFired, fired);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var open = item.CustomerId is { } customer
            ? await db.Cases.Where(c => c.AlertRuleId == rule.Id && c.CustomerId == customer
                    && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
                .OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct)
            : null;
        Result result;
        if (open is not null)
        {
            db.CaseActivities.Add(new CaseActivity
            {
                CaseId = open.Id,
                Kind = CaseActivityKind.FeedbackAdded,
                Body = $"{rule.Name} matched again: {Describe(item)}",
                Data = Link(item, rule).ToJsonString(),
                CreatedAt = now,
            });
            result = new Result(Outcome.Added, open.Id);
        }
        else
        {
            var choice = await assigner.ChooseAsync(rule, item, ct);
            var opened = await opener.OpenAsync(new CaseOpener.Request(
                Title: Title(rule, item),
                Source: CaseSource.Rule,
                Priority: rule.Priority,
                Description: item.Comment is { Length: > 0 } comment ? Truncate(comment, CaseLimits.MaxTextLength) : null,
                CustomerId: item.CustomerId,
                ResponseId: item.ResponseId,
                ConversationId: item.ConversationId,
                EventId: item.EventId,
                AlertRuleId: rule.Id,
                TouchPointId: item.TouchPointId,
                OwnerId: choice.OwnerId,
                TeamId: choice.TeamId), ct);
            db.CaseActivities.Add(new CaseActivity
            {
                CaseId = opened.Id,
                Kind = CaseActivityKind.Assigned,
                Body = choice.Reason,
                Data = new JsonObject
                {
                    ["rule"] = rule.Id,
                    ["assignment"] = rule.Assignment.ToString(),
                    ["ownerId"] = choice.OwnerId,
                    ["teamId"] = choice.TeamId,
                }.ToJsonString(),
                // A tick after "Created", so the history reads in order.
                CreatedAt = opened.CreatedAt.AddTicks(1),
            });
            if (opened.OwnerId is { } owner)
            {
                // The owner hears of it in the same transaction, in the app (live) and by email.
                await notifier.AddAsync(owner, $"Case {opened.Number} is yours: {opened.Title}", choice.Reason, $"/cases/{opened.Number}", email: true, ct);
            }

            result = new Result(Outcome.Opened, opened.Id);
        }

        db.AlertFirings.Add(new AlertFiring
        {
            AlertRuleId = rule.Id,
            ItemKey = key,
            CaseId = result.CaseId!.Value,
            Opened = result.Outcome == Outcome.Opened,
            FiredAt = now,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>"Detractor: NPS 3 from Ana Silva", "Churn risk: conversation rated 1 by Ana Silva", "Big refund: Order Refunded by Ana Silva".</summary>
    public static string Title(AlertRule rule, AlertItem item)
    {
        var who = item.CustomerName is { Length: > 0 } name ? name : "an anonymous customer";
        var title = item.Trigger switch
        {
            AlertTrigger.Response => $"{AlertMatcher.UnhappyBand(item.Metric, item.Score) ?? rule.Name}: {Score(item)} from {who}",
            AlertTrigger.Conversation => $"{rule.Name}: {Describe(item)} with {who}",
            _ => $"{rule.Name}: {item.EventName} by {who}",
        };
        return Truncate(title, CaseLimits.MaxTitleLength);
    }

    private static string Score(AlertItem item) => item.Score is { } score
        ? $"{item.Metric switch { SurveyMetric.Nps => "NPS", SurveyMetric.Csat => "CSAT", _ => "CES" }} {score}"
        : "a response";

    /// <summary>The item in a few words, for the history.</summary>
    public static string Describe(AlertItem item) => item.Trigger switch
    {
        AlertTrigger.Response => Score(item) + (item.Comment is { Length: > 0 } c ? $" \u201c{Truncate(c, 200)}\u201d" : ""),
        AlertTrigger.Conversation => item.ConversationCsat is { } csat
            ? $"conversation rated {csat}/5"
            : $"conversation waited {Math.Round(item.WaitMinutes ?? 0)} min for a reply",
        _ => $"event {item.EventName}",
    };

    /// <summary>What the history links to: the response, conversation or event, by id and by page.</summary>
    private static JsonObject Link(AlertItem item, AlertRule rule) => new()
    {
        ["rule"] = rule.Id,
        ["responseId"] = item.ResponseId,
        ["conversationId"] = item.ConversationId,
        ["eventId"] = item.EventId,
        ["link"] = item.Trigger switch
        {
            AlertTrigger.Response => $"/responses/{item.ResponseId}",
            AlertTrigger.Conversation => $"/inbox/{item.ConversationId}",
            _ => item.CustomerId is { } customer ? $"/customers/{customer}" : null,
        },
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "\u2026";
}
