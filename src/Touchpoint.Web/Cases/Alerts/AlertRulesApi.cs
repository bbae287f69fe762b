using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Alerts;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Alerts;

/// <summary>/api/v1/alert-rules: the rules that open cases (docs/api.md, "Alert rules"; conditions in docs/cases.md).</summary>
internal static class AlertRulesApi
{
    public sealed record AlertRuleDto(Guid Id, string Name, bool Enabled, string Trigger, IReadOnlyList<AlertCondition> Conditions, string Priority,
        string Assignment, Guid? TeamId, int? CasesOpened30Days, Guid Version, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public static AlertRuleDto From(AlertRule r, int? opened = null) =>
            new(r.Id, r.Name, r.Enabled, Camel(r.Trigger), AlertConditions.Read(r.Conditions), Camel(r.Priority), Camel(r.Assignment), r.TeamId,
                opened, r.Version, r.CreatedAt, r.UpdatedAt);
    }

    /// <summary>Strings rather than enums, so a wrong value is reported against its field, not as an unreadable body.</summary>
    public sealed record AlertRuleRequest(string? Name, bool? Enabled, string? Trigger, JsonElement? Conditions, string? Priority, string? Assignment,
        Guid? TeamId, Guid? Version);

    public sealed record PreviewRequest(string? Trigger, JsonElement? Conditions);

    public sealed record PreviewDto(int Matched, int Read, int Days, bool Capped);

    public static void MapAlertRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/alert-rules").WithTags("Alert rules").RequireAuthorization(Permission.ManageCaseRules.Name);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPost("/preview", PreviewAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPut("/{id:guid}", UpdateAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
    }

    private static async Task<Ok<Page<AlertRuleDto>>> ListAsync(AlertRuleService rules, CancellationToken ct) =>
        TypedResults.Ok(new Page<AlertRuleDto>((await rules.ListAsync(ct)).Select(l => AlertRuleDto.From(l.Rule, l.CasesOpened30Days)).ToList(), null));

    private static async Task<Results<Ok<AlertRuleDto>, ProblemHttpResult>> GetAsync(Guid id, AlertRuleService rules, CancellationToken ct) =>
        await rules.FindAsync(id, ct) is { } rule ? TypedResults.Ok(AlertRuleDto.From(rule)) : Problems.NotFound("Alert rule");

    private static async Task<Results<Created<AlertRuleDto>, ValidationProblem>> CreateAsync(AlertRuleRequest? body, AlertRuleService rules,
        HttpContext http, CancellationToken ct)
    {
        var (input, errors) = await ReadAsync(body, rules, ct);
        if (input is null)
        {
            return Problems.Invalid(errors);
        }

        var rule = await rules.CreateAsync(input, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/alert-rules/{rule.Id}", AlertRuleDto.From(rule));
    }

    private static async Task<Results<Ok<AlertRuleDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id, AlertRuleRequest? body,
        AlertRuleService rules, HttpContext http, CancellationToken ct)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim('"', ' ', 'W', '/');
        Guid? expected = Guid.TryParse(ifMatch, out var header) ? header : body?.Version;
        if (await rules.FindAsync(id, ct) is null)
        {
            return Problems.NotFound("Alert rule");
        }

        var (input, errors) = await ReadAsync(body, rules, ct);
        if (input is null)
        {
            return Problems.Invalid(errors);
        }

        var (change, rule) = await rules.UpdateAsync(id, input, expected, http.User.Actor(), ct);
        return change switch
        {
            AlertRuleService.Change.Done => TypedResults.Ok(AlertRuleDto.From(rule!)),
            AlertRuleService.Change.NotFound => Problems.NotFound("Alert rule"),
            _ => TypedResults.Problem(
                statusCode: Guid.TryParse(ifMatch, out _) ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
                title: "Changed by someone else",
                detail: $"This rule was changed after you read it (it is now at version {rule?.Version}). Read it again, reapply your change and send it with the new version."),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AlertRuleService rules, HttpContext http,
        CancellationToken ct) =>
        await rules.DeleteAsync(id, http.User.Actor(), ct) ? TypedResults.NoContent() : Problems.NotFound("Alert rule");

    private static async Task<Results<Ok<PreviewDto>, ValidationProblem>> PreviewAsync(PreviewRequest? body, AlertRuleService rules,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var trigger = Parse<AlertTrigger>(body?.Trigger, "trigger", "response, conversation or event", errors);
        var (conditions, conditionErrors) = AlertConditions.Parse(body?.Conditions, trigger ?? AlertTrigger.Response);
        foreach (var (key, value) in conditionErrors)
        {
            errors[key] = value;
        }

        if (errors.Count > 0 || trigger is null)
        {
            return Problems.Invalid(errors);
        }

        var preview = await rules.PreviewAsync(trigger.Value, conditions, ct);
        return TypedResults.Ok(new PreviewDto(preview.Matched, preview.Read, preview.Days, preview.Capped));
    }

    private static async Task<(AlertRuleService.Input? Input, Dictionary<string, string[]> Errors)> ReadAsync(AlertRuleRequest? body,
        AlertRuleService rules, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is null)
        {
            errors["body"] = ["Send a JSON body with 'name', 'trigger' and 'conditions'."];
            return (null, errors);
        }

        var trigger = Parse<AlertTrigger>(body.Trigger, "trigger", "response, conversation or event", errors);
        var priority = body.Priority is null ? CasePriority.Normal
            : Parse<CasePriority>(body.Priority, "priority", "low, normal, high or urgent", errors) ?? CasePriority.Normal;
        var assignment = body.Assignment is null ? CaseAssignment.HandlingAgent
            : Parse<CaseAssignment>(body.Assignment, "assignment", "unassigned, handlingAgent, touchPointTeam, team or roundRobin", errors)
                ?? CaseAssignment.Unassigned;
        var (conditions, conditionErrors) = AlertConditions.Parse(body.Conditions, trigger ?? AlertTrigger.Response);
        foreach (var (key, value) in conditionErrors)
        {
            errors[key] = value;
        }

        var input = new AlertRuleService.Input(body.Name, body.Enabled ?? true, trigger ?? AlertTrigger.Response, conditions, priority, assignment,
            body.TeamId);
        if (errors.Count == 0)
        {
            foreach (var (key, value) in await rules.ValidateAsync(input, ct))
            {
                errors[key] = value;
            }
        }

        return errors.Count == 0 ? (input, errors) : (null, errors);
    }

    private static T? Parse<T>(string? text, string field, string allowed, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (text is not null && !int.TryParse(text, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        errors[field] = [$"Write {allowed}."];
        return null;
    }

    private static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
