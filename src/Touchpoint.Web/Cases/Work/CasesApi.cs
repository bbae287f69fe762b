using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Work;

/// <summary>
/// <c>/api/v1/cases</c>: list, open, read, change and act on cases. <c>{id}</c> is the case's id or its
/// number in the workspace. Changes take the version the caller saw (If-Match or <c>version</c>): a stale
/// one is refused with 412, so two people never overwrite each other unknowingly.
/// </summary>
internal static class CasesApi
{
    public static void MapCasesApi(this IEndpointRouteBuilder app)
    {
        var read = Permission.ViewFeedback.Name;
        var act = Permission.HandleCases.Name;
        var group = app.MapGroup("/api/v1/cases").WithTags("Cases");
        group.MapGet("", ListAsync).RequireAuthorization(read);
        group.MapPost("", CreateAsync).RequireAuthorization(act);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(read);
        group.MapPatch("/{id}", PatchAsync).RequireAuthorization(act);
        group.MapPost("/{id}/actions", ActAsync).RequireAuthorization(act);
    }

    /// <summary>Newest case first. <c>owner</c> is <c>me</c>, <c>none</c> or a member's id; <c>open=true</c> leaves out resolved and closed cases.</summary>
    private static async Task<IResult> ListAsync(TouchpointDbContext db, CaseViews views, ClaimsPrincipal user, string? status, string? priority,
        string? owner, Guid? team, Guid? customer, bool? open, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (after, take) = Cursor.Read(cursor, limit, errors);
        var filters = new CaseFilters(EnumField.Read<CaseStatus>(status, "status", errors), EnumField.Read<CasePriority>(priority, "priority", errors),
            TeamId: team, CustomerId: customer, Open: open);
        switch (owner)
        {
            case null:
                break;
            case "me" when user.UserId() is { } me:
                filters = filters with { FilterOwner = true, OwnerId = me };
                break;
            case "me":
                errors["owner"] = ["'me' needs a signed-in member; an API key can filter by a member's id."];
                break;
            case "none":
                filters = filters with { FilterOwner = true };
                break;
            default:
                if (Guid.TryParse(owner, out var ownerId))
                {
                    filters = filters with { FilterOwner = true, OwnerId = ownerId };
                }
                else
                {
                    errors["owner"] = ["Use 'me', 'none' or a member's id."];
                }

                break;
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var query = filters.Apply(db.Cases.AsNoTracking());
        if (after is { } last)
        {
            query = query.Where(c => c.Number < last);
        }

        var rows = await query.OrderByDescending(c => c.Number).Take(take + 1).ToListAsync(ct);
        var next = rows.Count > take ? Cursor.Encode(rows[take - 1].Number) : null;
        return TypedResults.Ok(new Page<CaseDto>(await views.DtosAsync(rows.Take(take).ToList(), ct), next));
    }

    private static async Task<IResult> GetAsync(string id, CaseWork work, CaseViews views, HttpContext http, CancellationToken ct)
    {
        if (await work.FindAsync(id, ct) is not { } found)
        {
            return Problems.NotFound("Case");
        }

        http.Response.Headers.ETag = ETag(found.Version);
        return TypedResults.Ok(await views.DtoAsync(found, withHistory: true, ct));
    }

    internal sealed record CreateCaseRequest(string? Title, string? Description, string? Priority, Guid? CustomerId, long? ResponseId,
        Guid? ConversationId, Guid? OwnerId, Guid? TeamId, Guid? TouchPointId);

    private static async Task<IResult> CreateAsync(CreateCaseRequest? body, CaseCreation creation, CaseViews views, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with at least a 'title'."] });
        }

        var errors = new Dictionary<string, string[]>();
        var priority = EnumField.Read<CasePriority>(body.Priority, "priority", errors);
        var request = new CaseCreation.Input(body.Title, body.Description, priority, body.CustomerId, body.ResponseId, body.ConversationId,
            body.OwnerId, body.TeamId, body.TouchPointId);
        var opened = await creation.OpenAsync(request, CaseSource.Api, await ActorAsync(user, creation.Work, ct), errors, ct);
        if (opened is null)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Created($"/api/v1/cases/{opened.Number}", await views.DtoAsync(opened, withHistory: true, ct));
    }

    /// <summary>
    /// Title, description, priority, status, owner, team, root cause and resolution code. <c>ownerId</c>,
    /// <c>teamId</c>, <c>description</c>, <c>rootCause</c> and <c>resolutionCode</c> sent as null clear them; left out, they stay.
    /// </summary>
    private static async Task<IResult> PatchAsync(string id, HttpContext http, CaseWork work, CaseViews views, ClaimsPrincipal user, CancellationToken ct)
    {
        JsonElement json;
        try
        {
            json = await http.Request.ReadFromJsonAsync<JsonElement>(ct);
        }
        catch (JsonException)
        {
            return Problems.Invalid(new() { ["body"] = ["The body is not valid JSON."] });
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON object such as {\"status\": \"inProgress\"}."] });
        }

        var errors = new Dictionary<string, string[]>();
        var known = new HashSet<string>(["title", "description", "priority", "status", "ownerId", "teamId", "rootCause", "resolutionCode", "version"]);
        foreach (var property in json.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors[property.Name] = [$"'{property.Name}' cannot be changed here. Send any of: {string.Join(", ", known)}."];
        }

        var (setTitle, title) = JsonFields.Text(json, "title", errors);
        if (setTitle)
        {
            CaseWork.Title(title, errors);
        }

        var (setDescription, description) = JsonFields.Text(json, "description", errors);
        var (_, priorityText) = JsonFields.Text(json, "priority", errors);
        var (_, statusText) = JsonFields.Text(json, "status", errors);
        var (setOwner, owner) = JsonFields.Id(json, "ownerId", errors);
        var (setTeam, team) = JsonFields.Id(json, "teamId", errors);
        var (setRootCause, rootCause) = JsonFields.Text(json, "rootCause", errors);
        var (setCode, code) = JsonFields.Text(json, "resolutionCode", errors);
        var (_, versionId) = JsonFields.Id(json, "version", errors);
        var change = new CaseChange(setTitle ? title : null, setDescription, description, EnumField.Read<CasePriority>(priorityText, "priority", errors),
            EnumField.Read<CaseStatus>(statusText, "status", errors), setOwner, owner, setTeam, team, setRootCause, rootCause, setCode, code);
        var expected = Version(http, versionId, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await work.FindAsync(id, ct) is not { } found)
        {
            return Problems.NotFound("Case");
        }

        var result = await work.ChangeAsync(found.Id, change, expected, await ActorAsync(user, work, ct), ct);
        return await AnswerAsync(result, http, views, ct);
    }

    internal sealed record ActionRequest(string? Action, string? Body, string? Subject, string? RootCause, string? ResolutionCode, string? Note,
        Guid? FollowUpSurveyId, Guid? Version);

    /// <summary><c>note</c>, <c>contact</c> (email the customer), <c>resolve</c>, <c>reopen</c> and <c>close</c>.</summary>
    private static async Task<IResult> ActAsync(string id, ActionRequest? body, HttpContext http, CaseWork work, CaseContact contact,
        CaseFollowUp followUp, CaseViews views, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var expected = Version(http, body?.Version, errors);
        if (body?.Action is not { } action || !Actions.Contains(action))
        {
            errors["action"] = [$"Name the action: one of {string.Join(", ", Actions)}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await work.FindAsync(id, ct) is not { } found)
        {
            return Problems.NotFound("Case");
        }

        var actor = await ActorAsync(user, work, ct);
        CaseResult result;
        switch (body!.Action)
        {
            case "note":
                result = await work.NoteAsync(found.Id, body.Body, actor, ct);
                break;
            case "contact":
                result = await contact.ContactAsync(found.Id, body.Subject, body.Body, actor, ct);
                break;
            case "resolve":
                if (body.FollowUpSurveyId is { } surveyId && await followUp.CheckAsync(found.Id, surveyId, ct) is { Count: > 0 } refused)
                {
                    return Problems.Invalid(refused);
                }

                result = await work.ResolveAsync(found.Id, body.RootCause, body.ResolutionCode, body.Note, expected, actor, ct);
                if (result.Outcome == CaseOutcome.Applied && body.FollowUpSurveyId is { } survey)
                {
                    result = await followUp.SendAsync(found.Id, survey, actor, ct);
                }

                break;
            case "reopen":
                result = await work.ReopenAsync(found.Id, body.Note, expected, actor, ct);
                break;
            default:
                result = await work.CloseAsync(found.Id, body.Note, expected, actor, ct);
                break;
        }

        return await AnswerAsync(result, http, views, ct);
    }

    private static readonly string[] Actions = ["note", "contact", "resolve", "reopen", "close"];

    internal static async Task<IResult> AnswerAsync(CaseResult result, HttpContext http, CaseViews views, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case CaseOutcome.NotFound:
                return Problems.NotFound("Case");
            case CaseOutcome.Invalid:
                return Problems.Invalid(result.Errors!);
            case CaseOutcome.Stale:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Someone else changed this case",
                    detail: StaleMessage,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["version"] = ["The version is stale."] } });
            case CaseOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case cannot do that now",
                    detail: result.Errors!.Values.First()[0], extensions: new Dictionary<string, object?> { ["errors"] = result.Errors });
            default:
                http.Response.Headers.ETag = ETag(result.Case!.Version);
                return TypedResults.Ok(await views.DtoAsync(result.Case, withHistory: true, ct));
        }
    }

    public const string StaleMessage = "Your version of the case is no longer current: someone changed it after you read it. Read it again and decide with what it shows now.";

    /// <summary>The version the caller saw: If-Match (a bare or quoted id, or the ETag) or the body's <c>version</c>.</summary>
    private static Guid? Version(HttpContext http, Guid? fromBody, Dictionary<string, string[]> errors)
    {
        if (StringValues.IsNullOrEmpty(http.Request.Headers.IfMatch))
        {
            return fromBody;
        }

        var tag = http.Request.Headers.IfMatch.ToString().Trim().TrimStart('W', '/').Trim('"');
        if (Guid.TryParse(tag, out var version))
        {
            return version;
        }

        errors["If-Match"] = ["Send the case's 'version' (or its ETag) as If-Match."];
        return null;
    }

    internal static async Task<CaseActor> ActorAsync(ClaimsPrincipal user, CaseWork work, CancellationToken ct) =>
        user.UserId() is { } id ? new CaseActor(id, await work.UserNameAsync(id, ct), user.Actor()) : new CaseActor(null, "API", user.Actor());

    internal static string ETag(Guid version) => $"\"{version}\"";
}
