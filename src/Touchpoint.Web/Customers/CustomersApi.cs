using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Customers;

/// <summary>/api/v1/customers: list, create, read, edit, delete and erase profiles; a customer's timeline.</summary>
internal static class CustomersApi
{
    public static void MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/customers").WithTags("Customers");
        group.MapGet("/", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("/", CreateAsync).RequireAuthorization(Permission.ManageCustomers.Name);
        group.MapGet("/{key}", GetAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPatch("/{key}", UpdateAsync).RequireAuthorization(Permission.ManageCustomers.Name);
        group.MapDelete("/{key}", DeleteAsync).RequireAuthorization(Permission.ManageWorkspace.Name);
        group.MapPost("/{key}/erase", EraseAsync).RequireAuthorization(Permission.ManageWorkspace.Name);
        group.MapGet("/{key}/timeline", TimelineAsync).RequireAuthorization(Permission.ViewFeedback.Name);
    }

    /// <summary>Newest first. <c>q</c> matches name, email, external id or phone, any case.</summary>
    private static async Task<Results<Ok<Page<CustomerDto>>, ValidationProblem>> ListAsync(TouchpointDbContext db, string? q, Guid? segment,
        string? lifecycle, Guid? persona, string? country, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = Cursor.ReadLimit(limit, errors);
        if (!CustomerCursors.TryDecode(cursor, out var after))
        {
            errors["cursor"] = [Cursor.BadCursor];
        }

        var stage = CustomerPatch.ParseStage(lifecycle);
        if (!string.IsNullOrWhiteSpace(lifecycle) && stage is null)
        {
            errors["lifecycle"] = [$"Use one of {CustomerPatch.StageNames}."];
        }

        if (!string.IsNullOrWhiteSpace(country) && (country.Trim().Length != 2 || !country.Trim().All(char.IsAsciiLetter)))
        {
            errors["country"] = ["Give a two-letter ISO 3166 country code, such as NL."];
        }

        if (q is { Length: > 200 })
        {
            errors["q"] = ["Search with at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var search = new CustomerSearch(q, segment, stage, persona, country);
        var rows = await search.Apply(db, db.Customers.AsNoTracking(), after).Take(take + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            next = CustomerCursors.Encode(new CustomerSearch.Position(rows[^1].CreatedAt, rows[^1].Id));
        }

        var profiles = await CustomerProfile.LoadManyAsync(db, rows, ct);
        return TypedResults.Ok(new Page<CustomerDto>(profiles.Select(CustomerDto.From).ToList(), next));
    }

    private static async Task<Results<Ok<CustomerDto>, ProblemHttpResult>> GetAsync(string key, TouchpointDbContext db, CancellationToken ct)
    {
        var customer = await CustomerLookup.FindAsync(db, key, ct: ct);
        return customer is null ? Problems.NotFound("Customer") : TypedResults.Ok(CustomerDto.From(await CustomerProfile.LoadAsync(db, customer, ct))
            with
        { ChurnRisk = await Analytics.Insights.ChurnRiskDto.ForAsync(db, customer.Id, ct) });
    }

    private static async Task<Results<Created<CustomerDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpRequest request,
        TouchpointDbContext db, CustomerEditor editor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await JsonBody.ReadObjectAsync(request, errors, ct) is not { } body)
        {
            return Problems.Invalid(errors);
        }

        var result = await editor.CreateAsync(body, request.HttpContext.User.Actor(), ct);
        if (!result.Succeeded)
        {
            return result.Conflict ? Conflict(result.Errors) : Problems.Invalid(result.Errors);
        }

        var dto = CustomerDto.From(await CustomerProfile.LoadAsync(db, result.Customer!, ct));
        return TypedResults.Created($"/api/v1/customers/{dto.Id}", dto);
    }

    private static async Task<Results<Ok<CustomerDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string key, HttpRequest request, TouchpointDbContext db, CustomerEditor editor, CancellationToken ct)
    {
        var customer = await CustomerLookup.FindAsync(db, key, tracked: true, ct);
        if (customer is null)
        {
            return Problems.NotFound("Customer");
        }

        var errors = new Dictionary<string, string[]>();
        if (await JsonBody.ReadObjectAsync(request, errors, ct) is not { } patch)
        {
            return Problems.Invalid(errors);
        }

        var result = await editor.UpdateAsync(customer, patch, request.HttpContext.User.Actor(), ct);
        if (!result.Succeeded)
        {
            return result.Conflict ? Conflict(result.Errors) : Problems.Invalid(result.Errors);
        }

        return TypedResults.Ok(CustomerDto.From(await CustomerProfile.LoadAsync(db, customer, ct)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string key, HttpContext http, TouchpointDbContext db,
        CustomerEditor editor, CancellationToken ct)
    {
        var customer = await CustomerLookup.FindAsync(db, key, tracked: true, ct);
        if (customer is null)
        {
            return Problems.NotFound("Customer");
        }

        await editor.DeleteAsync(customer, http.User.Actor(), ct);
        return TypedResults.NoContent();
    }

    public sealed record ErasureDto(Guid Id, bool Erased, int ResponsesKept);

    private static async Task<Results<Ok<ErasureDto>, ProblemHttpResult>> EraseAsync(string key, HttpContext http, TouchpointDbContext db,
        CustomerEditor editor, CancellationToken ct)
    {
        var customer = await CustomerLookup.FindAsync(db, key, tracked: true, ct);
        if (customer is null)
        {
            return Problems.NotFound("Customer");
        }

        var kept = await editor.EraseAsync(customer, http.User.Actor(), ct);
        return TypedResults.Ok(new ErasureDto(customer.Id, true, kept));
    }

    /// <summary>Every item newest first; <c>types</c> is a comma-separated list of kinds (event, response, email).</summary>
    private static async Task<Results<Ok<Page<TimelineItemDto>>, ValidationProblem, ProblemHttpResult>> TimelineAsync(string key,
        string? cursor, int? limit, string? types, TouchpointDbContext db, CustomerTimeline timeline, CancellationToken ct)
    {
        var customer = await CustomerLookup.FindAsync(db, key, ct: ct);
        if (customer is null)
        {
            return Problems.NotFound("Customer");
        }

        var errors = new Dictionary<string, string[]>();
        var take = Cursor.ReadLimit(limit, errors);
        if (!CustomerCursors.TryDecode(cursor, timeline.Kinds, out var after))
        {
            errors["cursor"] = [Cursor.BadCursor];
        }

        string[]? kinds = null;
        if (!string.IsNullOrWhiteSpace(types))
        {
            kinds = types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => t.ToLowerInvariant()).ToArray();
            if (kinds.FirstOrDefault(k => !timeline.Kinds.Contains(k)) is { } unknown)
            {
                errors["types"] = [$"'{(unknown.Length > 30 ? unknown[..30] : unknown)}' is not a timeline kind. Use {string.Join(", ", timeline.Kinds)}."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var page = await timeline.ReadAsync(customer.Id, after, take, kinds, ct);
        return TypedResults.Ok(new Page<TimelineItemDto>(page.Items.Select(TimelineItemDto.From).ToList(),
            page.Next is { } next ? CustomerCursors.Encode(next) : null));
    }

    private static ProblemHttpResult Conflict(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This external id is taken",
            detail: "Another customer in this workspace already has this external id. PATCH that customer instead, or choose another id.",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
