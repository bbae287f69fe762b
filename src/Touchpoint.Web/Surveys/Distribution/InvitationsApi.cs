using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Distribution;
using Touchpoint.Web.Customers;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Surveys.Distribution;

/// <summary>
/// /api/v1/surveys/{id}/invitations and /trigger: ask customers for feedback by email, in bulk or
/// right after an interaction, under the workspace's contact rules.
/// </summary>
internal static class InvitationsApi
{
    public const int MaxRecipients = 1000;

    public static void MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/surveys/{id:guid}").WithTags("Invitations");
        group.MapPost("/invitations", InviteAsync).RequireAuthorization(Permission.ManageSurveys.Name);
        group.MapPost("/trigger", TriggerAsync).RequireAuthorization(Permission.SubmitResponses.Name);
        group.MapGet("/invitations", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
    }

    private static async Task<Results<Ok<InvitationReport>, ValidationProblem, ProblemHttpResult>> InviteAsync(Guid id, HttpRequest request,
        TouchpointDbContext db, SurveyInviter inviter, SurveyLinks links, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return Problems.NotFound("Survey");
        }

        var errors = new Dictionary<string, string[]>();
        var body = await JsonBody.ReadObjectAsync(request, errors, ct);
        if (body is null)
        {
            return Problems.Invalid(errors);
        }

        var fields = new JsonFields(body, "", errors);
        var touchPointId = fields.Id("touchPointId");
        var channel = fields.Channel("channel") ?? Core.Journeys.Channel.Email;
        await CheckTouchPointAsync(db, touchPointId, "touchPointId", errors, ct);
        if (body["recipients"] is not JsonArray recipients || recipients.Count == 0)
        {
            errors["recipients"] = ["Send 'recipients': a list of {\"email\": ...} or {\"customerId\": ...} objects."];
        }
        else if (recipients.Count > MaxRecipients)
        {
            errors["recipients"] = [$"Send at most {MaxRecipients} recipients per request; split the list."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        links.Remember(PublicUrls.Base(request.HttpContext));
        var actor = request.HttpContext.User.Actor();
        var rows = new List<InvitationReportRow>();
        var clock = request.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        foreach (var (node, index) in ((JsonArray)body["recipients"]!).Select((n, i) => (n, i)))
        {
            // A bad row is reported and skipped: the valid rows of the same request are still invited.
            var rowErrors = new Dictionary<string, string[]>();
            if (node is not JsonObject item)
            {
                rows.Add(new InvitationReportRow(index, "error", null, null, null, null, null,
                    new() { [$"recipients[{index}]"] = ["Send each recipient as an object such as {\"email\": \"ana@example.com\"}."] }));
                continue;
            }

            var row = new JsonFields(item, $"recipients[{index}]", rowErrors);
            var recipient = new SurveyInviter.Recipient(row.Text("customerId", 64), row.Text("externalId", 200), row.Text("email", 320), row.Text("name", 200));
            var interaction = new SurveyInviter.Interaction(InvitationSource.Email, touchPointId, channel, Language: row.Language("language"),
                Hidden: row.Hidden("hidden"));
            if (rowErrors.Count == 0)
            {
                var outcome = await inviter.InviteAsync(survey, recipient, interaction, actor, ct);
                foreach (var (field, messages) in outcome.Errors)
                {
                    rowErrors[$"recipients[{index}].{field}"] = messages;
                }

                if (outcome.Invitation is { } invitation)
                {
                    rows.Add(new InvitationReportRow(index, ResultOf(invitation, clock.GetUtcNow().UtcDateTime), invitation.Id, invitation.CustomerId, invitation.Email,
                        invitation.ScheduledFor, invitation.SuppressedReason, null));
                    continue;
                }
            }

            rows.Add(new InvitationReportRow(index, "error", null, null, recipient.Email, null, null, rowErrors));
        }

        return TypedResults.Ok(new InvitationReport(rows.Count(r => r.Result == "invited"), rows.Count(r => r.Result == "scheduled"),
            rows.Count(r => r.Result == "suppressed"), rows.Count(r => r.Result == "error"), rows));
    }

    private static async Task<Results<Accepted<InvitationDto>, ValidationProblem, ProblemHttpResult>> TriggerAsync(Guid id, HttpRequest request,
        TouchpointDbContext db, SurveyInviter inviter, SurveyLinks links, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return Problems.NotFound("Survey");
        }

        var errors = new Dictionary<string, string[]>();
        var body = await JsonBody.ReadObjectAsync(request, errors, ct);
        if (body is null)
        {
            return Problems.Invalid(errors);
        }

        var fields = new JsonFields(body, "", errors);
        var customer = fields.Object("customer");
        if (customer is null && !errors.ContainsKey("customer"))
        {
            errors["customer"] = ["Name the customer: {\"id\": ...}, {\"externalId\": ...} or {\"email\": ...}."];
        }

        var who = customer is null ? null : new JsonFields(customer, "customer", errors);
        var recipient = new SurveyInviter.Recipient(who?.Text("id", 64), who?.Text("externalId", 200), who?.Text("email", 320), who?.Text("name", 200));
        var interaction = new SurveyInviter.Interaction(
            InvitationSource.Trigger,
            fields.Id("touchPointId"),
            fields.Channel("channel"),
            fields.Text("agent", 200),
            fields.Text("orderId", 200),
            fields.Id("conversationId"),
            fields.Language("language"),
            fields.Hidden("hidden"),
            fields.Number("delayMinutes", 0, 60 * 24 * 30) ?? 0);
        await CheckTouchPointAsync(db, interaction.TouchPointId, "touchPointId", errors, ct);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        links.Remember(PublicUrls.Base(request.HttpContext));
        var outcome = await inviter.InviteAsync(survey, recipient, interaction, request.HttpContext.User.Actor(), ct);
        if (!outcome.Succeeded)
        {
            return Problems.Invalid(outcome.Errors.ToDictionary(e => e.Key == "email" || e.Key == "externalId" ? $"customer.{e.Key}"
                : e.Key == "customerId" ? "customer.id" : e.Key, e => e.Value));
        }

        return TypedResults.Accepted($"/api/v1/surveys/{id}/invitations/{outcome.Invitation!.Id}", InvitationDto.From(outcome.Invitation));
    }

    /// <summary>Newest first; <c>status</c> filters (scheduled, sent, suppressed, responded).</summary>
    private static async Task<Results<Ok<Page<InvitationDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(Guid id, string? status, string? cursor,
        int? limit, TouchpointDbContext db, CancellationToken ct)
    {
        if (!await db.Surveys.AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound("Survey");
        }

        var errors = new Dictionary<string, string[]>();
        var (after, take) = Cursor.Read(cursor, limit, errors);
        InvitationStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<InvitationStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = ["Use one of: scheduled, sent, suppressed, responded."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var query = db.SurveyInvitations.AsNoTracking().Where(i => i.SurveyId == id);
        if (wanted is { } only)
        {
            query = query.Where(i => i.Status == only);
        }

        // The cursor is the number of rows already read: invitations are a short administrative list.
        var skip = (int)Math.Min(after ?? 0, int.MaxValue);
        var rows = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Skip(skip).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var outboxIds = page.SelectMany(i => new[] { i.OutboxMessageId, i.ReminderOutboxMessageId }).OfType<long>().ToList();
        var emails = await db.Outbox.AsNoTracking().Where(m => outboxIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var items = page.Select(i => InvitationDto.From(i,
            i.OutboxMessageId is { } e ? emails.GetValueOrDefault(e) : null,
            i.ReminderOutboxMessageId is { } r ? emails.GetValueOrDefault(r) : null)).ToList();
        return TypedResults.Ok(new Page<InvitationDto>(items, rows.Count > take ? Cursor.Encode(skip + take) : null));
    }

    private static async Task CheckTouchPointAsync(TouchpointDbContext db, Guid? touchPointId, string field, Dictionary<string, string[]> errors,
        CancellationToken ct)
    {
        if (touchPointId is { } tp && !await db.TouchPoints.AnyAsync(t => t.Id == tp, ct))
        {
            errors[field] = ["No touch point with this id exists in your workspace (see GET /api/v1/journeys)."];
        }
    }

    private static string ResultOf(SurveyInvitation invitation, DateTime now) => invitation.Status switch
    {
        InvitationStatus.Suppressed => "suppressed",
        _ when invitation.ScheduledFor > now => "scheduled",
        _ => "invited",
    };
}
