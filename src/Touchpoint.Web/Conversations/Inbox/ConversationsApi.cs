using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Web.Conversations.Attachments;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations;

/// <summary>/api/v1/conversations: the agents' view of conversations, the API channel, replies, notes, changes and merges.</summary>
internal static class ConversationsApi
{
    public static void MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var read = Permission.ViewFeedback.Name;
        var act = Permission.HandleConversations.Name;
        var group = app.MapGroup("/api/v1/conversations").WithTags("Conversations");
        group.MapGet("", ListAsync).RequireAuthorization(read);
        group.MapGet("/stats", StatsAsync).RequireAuthorization(read);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(read);
        group.MapPost("", CreateAsync).RequireAuthorization(act);
        group.MapGet("/{id:guid}/messages", MessagesAsync).RequireAuthorization(read);
        group.MapPost("/{id:guid}/messages", PostMessageAsync).RequireAuthorization(act);
        group.MapPatch("/{id:guid}", PatchAsync).RequireAuthorization(act);
        group.MapPost("/{id:guid}/merge", MergeAsync).RequireAuthorization(act);
    }

    /// <summary>Newest activity first. <c>assignee</c> is <c>me</c>, <c>none</c> or a member's id.</summary>
    private static async Task<IResult> ListAsync(TouchpointDbContext db, ClaimsPrincipal user, string? status, Guid? inbox, string? assignee,
        Guid? team, string? priority, Guid? customer, string? q, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = Cursor.ReadLimit(limit, errors);
        var statusFilter = EnumField.Read<ConversationStatus>(status, "status", errors);
        var priorityFilter = EnumField.Read<Priority>(priority, "priority", errors);
        var page = ActivityCursor.TryDecode(cursor, out var after);
        if (!page)
        {
            errors["cursor"] = [Cursor.BadCursor];
        }

        var query = db.Conversations.AsNoTracking();
        switch (assignee)
        {
            case null:
                break;
            case "me" when user.UserId() is { } me:
                query = query.Where(c => c.AssigneeId == me);
                break;
            case "me":
                errors["assignee"] = ["'me' needs a signed-in member; an API key can filter by a member's id."];
                break;
            case "none":
                query = query.Where(c => c.AssigneeId == null);
                break;
            default:
                if (Guid.TryParse(assignee, out var agent))
                {
                    query = query.Where(c => c.AssigneeId == agent);
                }
                else
                {
                    errors["assignee"] = ["Use 'me', 'none' or a member's id."];
                }

                break;
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        query = ConversationFilters.Apply(query, statusFilter, inbox, team, priorityFilter, customer, q);
        if (after is { } last)
        {
            query = query.Where(c => c.LastMessageAt <= last.At);
        }

        var rows = await query.OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Skip(after?.Skip ?? 0).Take(take + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > take)
        {
            var lastAt = rows[take - 1].LastMessageAt;
            var ties = rows.Take(take).Count(c => c.LastMessageAt == lastAt) + (after is { } a && a.At == lastAt ? a.Skip : 0);
            next = new ActivityCursor(lastAt, ties).Encode();
        }

        return TypedResults.Ok(new Page<InboxConversationDto>(rows.Take(take).Select(c => InboxConversationDto.From(c)).ToList(), next));
    }

    private static async Task<IResult> GetAsync(Guid id, TouchpointDbContext db, HttpContext http, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null)
        {
            return Problems.NotFound("Conversation");
        }

        http.Response.Headers.ETag = ETag(conversation.Version);
        return TypedResults.Ok(InboxConversationDto.From(conversation, await AgentsInvolvedAsync(db, id, ct)));
    }

    internal static async Task<List<AgentInvolvedDto>> AgentsInvolvedAsync(TouchpointDbContext db, Guid id, CancellationToken ct) =>
        (await (from a in db.ConversationAgents.AsNoTracking()
                where a.ConversationId == id
                join u in db.Users on a.UserId equals u.Id
                orderby a.JoinedAt
                select new { a.UserId, u.DisplayName, u.Email, a.JoinedAt }).ToListAsync(ct))
            .Select(a => new AgentInvolvedDto(a.UserId, string.IsNullOrWhiteSpace(a.DisplayName) ? a.Email ?? "" : a.DisplayName, a.JoinedAt))
            .ToList();

    internal sealed record NewLoggedMessage(string? Author, string? Body, DateTime? At);

    internal sealed record CreateConversationRequest(Guid? InboxId, string? Channel, Guid? CustomerId, string? CustomerExternalId,
        string? ContactName, string? ContactEmail, string? Subject, List<NewLoggedMessage>? Messages, string? Status, string? Priority);

    /// <summary>The API channel: a phone call, store visit or social message logged as a conversation, then assigned by the inbox's rule.</summary>
    private static async Task<IResult> CreateAsync(CreateConversationRequest? body, TouchpointDbContext db, ConversationLog log,
        ConversationAssigner assigner, ConversationChanges changes, IConversationFeed feed, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with 'inboxId', 'channel' and 'messages'."] });
        }

        var errors = new Dictionary<string, string[]>();
        if (body.InboxId is not { } inboxId)
        {
            errors["inboxId"] = ["Name the inbox this conversation belongs to (see GET /api/v1/inboxes)."];
        }
        else if (!await db.Inboxes.AnyAsync(i => i.Id == inboxId, ct))
        {
            errors["inboxId"] = ["No inbox with this id exists in your workspace."];
        }

        var channel = EnumField.Read<Channel>(body.Channel ?? "", "channel", errors);
        if (channel is not (null or Channel.Phone or Channel.Store or Channel.Social or Channel.Email or Channel.Chat))
        {
            errors["channel"] = ["Use phone, store, social, email or chat."];
        }

        var status = EnumField.Read<ConversationStatus>(body.Status, "status", errors) ?? ConversationStatus.Open;
        if (status == ConversationStatus.Snoozed)
        {
            errors["status"] = ["A logged conversation starts open, pending or resolved; snooze it afterwards with PATCH."];
        }

        var priority = EnumField.Read<Priority>(body.Priority, "priority", errors) ?? Priority.None;
        Guid? customerId = null;
        if (body.CustomerId is { } byId)
        {
            customerId = await db.Customers.AnyAsync(c => c.Id == byId, ct) ? byId : null;
            if (customerId is null)
            {
                errors["customerId"] = ["No customer with this id exists in your workspace."];
            }
        }
        else if (!string.IsNullOrWhiteSpace(body.CustomerExternalId))
        {
            customerId = (await CustomerLookup.FindAsync(db, body.CustomerExternalId, ct: ct))?.Id;
            if (customerId is null)
            {
                errors["customerExternalId"] = ["No customer with this external id exists; create or import the customer first."];
            }
        }

        var messages = body.Messages ?? [];
        if (messages.Count == 0)
        {
            errors["messages"] = ["Send at least one message: [{\"author\": \"customer\", \"body\": \"...\"}]."];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < messages.Count; i++)
        {
            var author = EnumField.Read<MessageAuthor>(messages[i].Author ?? "", $"messages[{i}].author", errors);
            if (author == MessageAuthor.System)
            {
                errors[$"messages[{i}].author"] = ["Use customer or agent."];
            }

            MessageText.Check(messages[i].Body, $"messages[{i}].body", errors);
            if (messages[i].At is { } at && at > now.AddMinutes(5))
            {
                errors[$"messages[{i}].at"] = ["'at' cannot be in the future."];
            }
        }

        if (body.Subject?.Length > 500)
        {
            errors["subject"] = ["Keep the subject to 500 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var first = messages.Select(m => m.At).Where(a => a is not null).Min() ?? now;
        // The inbox's touch point (journey mapping): its conversations and their ratings count there.
        var inboxTouchPoint = await db.Inboxes.Where(i => i.Id == body.InboxId).Select(i => i.TouchPointId).FirstOrDefaultAsync(ct);
        var conversation = new Conversation
        {
            InboxId = body.InboxId!.Value,
            TouchPointId = inboxTouchPoint,
            CustomerId = customerId,
            Channel = channel!.Value,
            Priority = priority,
            Subject = body.Subject,
            ContactName = Cut(body.ContactName, 200),
            ContactEmail = Cut(body.ContactEmail, 320),
            ReplyToken = VisitorTokens.NewReplyToken(),
            CreatedAt = first.ToUniversalTime(),
            LastMessageAt = now,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var message in messages)
        {
            // The log re-reads the conversation for each number; a copy tracked from the previous append would be stale.
            db.ChangeTracker.Clear();
            var author = Enum.Parse<MessageAuthor>(message.Author!, ignoreCase: true);
            var stored = await log.AppendAsync(conversation.Id, new ConversationLog.NewMessage(author, message.Body!,
                author == MessageAuthor.Agent ? user.UserId() : null), ct);
            if (message.At is { } at)
            {
                // Logged after the fact: the message shows when it happened.
                await db.ConversationMessages.Where(m => m.Id == stored.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, at.ToUniversalTime()), ct);
                await db.AnalyzedTexts.Where(t => t.MessageId == stored.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.OccurredAt, at.ToUniversalTime()), ct);
            }
        }

        await assigner.AssignAsync(conversation.Id, ct);
        if (status != ConversationStatus.Open)
        {
            await changes.ApplyAsync(conversation.Id, new ConversationChanges.Change(status), null, await ActorNameAsync(user, changes, ct), ct);
        }

        var saved = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversation.Id, ct);
        feed.ConversationChanged(saved);
        return TypedResults.Created($"/api/v1/conversations/{saved.Id}", InboxConversationDto.From(saved, await AgentsInvolvedAsync(db, saved.Id, ct)));
    }

    private static async Task<IResult> MessagesAsync(Guid id, long? after, int? limit, TouchpointDbContext db, ConversationLog log, HttpContext http,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = Cursor.ReadLimit(limit, errors);
        if (after is < 0)
        {
            errors["after"] = ["Use 0 or the sequence number of the last message you have."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await db.Conversations.AnyAsync(c => c.Id == id, ct))
        {
            return Problems.NotFound("Conversation");
        }

        // Members and API keys of the workspace see internal notes; the widget has its own channel without them.
        var messages = await log.AfterAsync(id, after ?? 0, includePrivate: true, take, ct);
        return TypedResults.Ok(new
        {
            items = await MessageFiles.DtosAsync(db, messages, FileAudience.ApiClients, ct),
            last = messages.Count > 0 ? messages[^1].Seq : after ?? 0,
        });
    }

    internal sealed record PostMessageRequest(string? Body, bool? Private, string? ClientId);

    private static async Task<IResult> PostMessageAsync(Guid id, PostMessageRequest? body, TouchpointDbContext db, ConversationLog log,
        ClaimsPrincipal user, IConversationFeed feed, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        MessageText.Check(body?.Body, "body", errors);
        if (body?.ClientId?.Length > 64)
        {
            errors["clientId"] = ["Keep 'clientId' to 64 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null)
        {
            return Problems.NotFound("Conversation");
        }

        if (conversation.MergedIntoId is { } into)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This conversation was merged",
                detail: $"Write in conversation {into} instead.");
        }

        var message = await log.AppendAsync(id, new ConversationLog.NewMessage(MessageAuthor.Agent, body!.Body!, user.UserId(),
            body.Private ?? false, body.ClientId), ct);
        if (user.UserId() is not null && !message.Private)
        {
            // The agent who replies has read everything before the reply.
            await db.Conversations.Where(c => c.Id == id && c.AgentReadSeq < message.Seq)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AgentReadSeq, message.Seq), ct);
            feed.ConversationChanged(await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == id, ct));
        }

        return TypedResults.Created($"/api/v1/conversations/{id}/messages?after={message.Seq - 1}",
            await MessageFiles.DtoAsync(db, message, FileAudience.ApiClients, ct));
    }

    internal sealed record PatchConversationRequest(string? Status, string? Priority, DateTime? SnoozedUntil, Guid? AssigneeId, Guid? TeamId);

    /// <summary>
    /// Status, priority, snooze, assignment and team. <c>assigneeId</c> or <c>teamId</c> sent as null
    /// clears it; left out, it stays. <c>If-Match</c> with the version refuses a stale change (412).
    /// </summary>
    private static async Task<IResult> PatchAsync(Guid id, HttpContext http, ConversationChanges changes, ClaimsPrincipal user,
        CancellationToken ct)
    {
        System.Text.Json.JsonElement json;
        try
        {
            json = await http.Request.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return Problems.Invalid(new() { ["body"] = ["The body is not valid JSON."] });
        }

        if (json.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON object such as {\"status\": \"resolved\"}."] });
        }

        var errors = new Dictionary<string, string[]>();
        var status = EnumField.Read<ConversationStatus>(Text(json, "status", errors), "status", errors);
        var priority = EnumField.Read<Priority>(Text(json, "priority", errors), "priority", errors);
        var snoozedUntil = Instant(json, "snoozedUntil", errors);
        var (setAssignee, assignee) = OptionalId(json, "assigneeId", errors);
        var (setTeam, team) = OptionalId(json, "teamId", errors);
        Guid? expected = null;
        if (!StringValues.IsNullOrEmpty(http.Request.Headers.IfMatch))
        {
            var tag = http.Request.Headers.IfMatch.ToString().Trim().TrimStart('W', '/').Trim('"');
            if (Guid.TryParse(tag, out var version))
            {
                expected = version;
            }
            else
            {
                errors["If-Match"] = ["Send the conversation's 'version' (or its ETag) as If-Match."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var result = await changes.ApplyAsync(id, new ConversationChanges.Change(status, priority, snoozedUntil, setAssignee, assignee, setTeam, team),
            expected, await ActorNameAsync(user, changes, ct), ct);
        switch (result.Outcome)
        {
            case ConversationChanges.Outcome.NotFound:
                return Problems.NotFound("Conversation");
            case ConversationChanges.Outcome.Invalid:
                return Problems.Invalid(result.Errors!);
            case ConversationChanges.Outcome.StaleVersion:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Someone else changed this conversation",
                    detail: "Your If-Match version is no longer current. Read the conversation again and decide with what it shows now.",
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = ["The version is stale."] } });
            default:
                http.Response.Headers.ETag = ETag(result.Conversation!.Version);
                return TypedResults.Ok(InboxConversationDto.From(result.Conversation, await AgentsInvolvedAsync(
                    http.RequestServices.GetRequiredService<TouchpointDbContext>(), id, ct)));
        }
    }

    internal sealed record MergeRequest(Guid? Into);

    private static async Task<IResult> MergeAsync(Guid id, MergeRequest? body, ConversationMerger merger, ConversationChanges changes,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (body?.Into is not { } into)
        {
            return Problems.Invalid(new() { ["into"] = ["Name the conversation to merge this one into: {\"into\": \"<id>\"}."] });
        }

        var result = await merger.MergeAsync(id, into, await ActorNameAsync(user, changes, ct), ct);
        return result.Outcome switch
        {
            ConversationMerger.Outcome.NotFound when result.Reason == "into" =>
                Problems.Invalid(new() { ["into"] = ["No conversation with this id exists in your workspace."] }),
            ConversationMerger.Outcome.NotFound => Problems.NotFound("Conversation"),
            ConversationMerger.Outcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "These conversations cannot be merged", detail: result.Reason,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["into"] = [result.Reason!] } }),
            _ => TypedResults.Ok(InboxConversationDto.From(result.Target!)),
        };
    }

    private static async Task<IResult> StatsAsync(ConversationStats stats, DateTimeOffset? from, DateTimeOffset? to, Guid? inbox, Guid? agent,
        CancellationToken ct)
    {
        if (from is not null && to is not null && from >= to)
        {
            return Problems.Invalid(new() { ["to"] = ["'to' must be after 'from'."] });
        }

        return TypedResults.Ok(await stats.ComputeAsync(from?.UtcDateTime, to?.UtcDateTime, inbox, agent, ct));
    }

    internal static async Task<string> ActorNameAsync(ClaimsPrincipal user, ConversationChanges changes, CancellationToken ct) =>
        user.UserId() is { } id ? await changes.UserNameAsync(id, ct) : "API";

    internal static string ETag(Guid version) => $"\"{version}\"";

    private static string? Cut(string? value, int max) => value is null ? null : value.Length > max ? value[..max] : value;

    private static string? Text(System.Text.Json.JsonElement json, string name, Dictionary<string, string[]> errors)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            errors[name] = [$"'{name}' must be a string."];
            return null;
        }

        return value.GetString();
    }

    private static DateTime? Instant(System.Text.Json.JsonElement json, string name, Dictionary<string, string[]> errors)
    {
        var text = Text(json, name, errors);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at.UtcDateTime;
        }

        errors[name] = [$"'{text}' is not an ISO 8601 instant such as 2026-11-23T09:00:00Z."];
        return null;
    }

    private static (bool Set, Guid? Value) OptionalId(System.Text.Json.JsonElement json, string name, Dictionary<string, string[]> errors)
    {
        if (!json.TryGetProperty(name, out var value))
        {
            return (false, null);
        }

        if (value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return (true, null);
        }

        if (value.ValueKind == System.Text.Json.JsonValueKind.String && Guid.TryParse(value.GetString(), out var id))
        {
            return (true, id);
        }

        errors[name] = [$"'{name}' must be an id (a GUID) or null."];
        return (false, null);
    }
}
