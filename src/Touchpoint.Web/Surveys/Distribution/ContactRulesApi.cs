using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Customers;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Surveys.Distribution;

/// <summary>/api/v1/contact-rules: the workspace's quarantine and quiet hours.</summary>
internal static class ContactRulesApi
{
    internal sealed record ContactRulesDto(int? QuarantineDays, string? QuietHoursStart, string? QuietHoursEnd, DateTime? UpdatedAt)
    {
        public static ContactRulesDto From(ContactRules r) =>
            new(r.QuarantineDays, r.QuietHoursStart?.ToString("HH:mm", CultureInfo.InvariantCulture),
                r.QuietHoursEnd?.ToString("HH:mm", CultureInfo.InvariantCulture), r.UpdatedAt == default ? null : r.UpdatedAt);
    }

    public static void MapContactRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/contact-rules", GetAsync).RequireAuthorization(Permission.ViewFeedback.Name).WithTags("Contact rules");
        app.MapPut("/api/v1/contact-rules", PutAsync).RequireAuthorization(Permission.ManageSurveys.Name).WithTags("Contact rules");
    }

    private static async Task<Ok<ContactRulesDto>> GetAsync(TouchpointDbContext db, CancellationToken ct) =>
        TypedResults.Ok(ContactRulesDto.From(await db.ContactRules.AsNoTracking().FirstOrDefaultAsync(ct) ?? new ContactRules()));

    private static async Task<Results<Ok<ContactRulesDto>, ValidationProblem>> PutAsync(HttpRequest request, TouchpointDbContext db, AuditLog audit,
        WorkspaceScope scope, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var body = await JsonBody.ReadObjectAsync(request, errors, ct);
        if (body is null)
        {
            return Problems.Invalid(errors);
        }

        var input = Read(body, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var rules = await SaveAsync(db, audit, scope, clock, input, request.HttpContext.User.Actor(), ct);
        return TypedResults.Ok(ContactRulesDto.From(rules));
    }

    internal sealed record Input(int? QuarantineDays, TimeOnly? Start, TimeOnly? End);

    private static Input Read(JsonObject body, Dictionary<string, string[]> errors)
    {
        int? days = null;
        if (body["quarantineDays"] is { } node)
        {
            if (node.GetValueKind() != System.Text.Json.JsonValueKind.Number || !node.AsValue().TryGetValue<int>(out var value) || value is < 0 or > 365)
            {
                errors["quarantineDays"] = ["Use a whole number of days from 0 to 365, or null for no quarantine."];
            }
            else
            {
                days = value;
            }
        }

        var start = Time(body, "quietHoursStart", errors);
        var end = Time(body, "quietHoursEnd", errors);
        return Check(days, start, end, errors);
    }

    /// <summary>The checks shared by the API and the settings page.</summary>
    internal static Input Check(int? days, TimeOnly? start, TimeOnly? end, Dictionary<string, string[]> errors)
    {
        if (days is < 0 or > 365)
        {
            errors["quarantineDays"] = ["Use a whole number of days from 0 to 365, or leave it empty for no quarantine."];
        }

        if ((start is null) != (end is null) && !errors.ContainsKey("quietHoursStart") && !errors.ContainsKey("quietHoursEnd"))
        {
            errors[start is null ? "quietHoursStart" : "quietHoursEnd"] = ["Set both the start and the end of quiet hours, or neither."];
        }
        else if (start is not null && start == end)
        {
            errors["quietHoursEnd"] = ["The end must differ from the start; to have no quiet hours, leave both empty."];
        }

        return new Input(days, start, end);
    }

    internal static TimeOnly? Time(JsonObject body, string field, Dictionary<string, string[]> errors)
    {
        var node = body[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == System.Text.Json.JsonValueKind.String
            && TimeOnly.TryParseExact(node.GetValue<string>(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors[field] = ["Write the time as \"HH:mm\" on a 24-hour clock, such as \"21:00\"."];
        return null;
    }

    internal static async Task<ContactRules> SaveAsync(TouchpointDbContext db, AuditLog audit, WorkspaceScope scope, TimeProvider clock, Input input,
        string actor, CancellationToken ct)
    {
        var rules = await db.ContactRules.FirstOrDefaultAsync(ct);
        if (rules is null)
        {
            rules = new ContactRules { WorkspaceId = scope.WorkspaceId };
            db.ContactRules.Add(rules);
        }

        rules.QuarantineDays = input.QuarantineDays;
        rules.QuietHoursStart = input.Start;
        rules.QuietHoursEnd = input.End;
        rules.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "contact-rules.updated", "workspace",
            string.Create(CultureInfo.InvariantCulture, $"quarantine {input.QuarantineDays?.ToString(CultureInfo.InvariantCulture) ?? "none"} days; quiet hours {input.Start?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "none"}-{input.End?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "none"}"));
        await db.SaveChangesAsync(ct);
        return rules;
    }
}
