using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Core.Email;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Platform;

/// <summary>/api/v1/webhooks: subscribe a URL to events; the secret is shown once, on create.</summary>
internal static class WebhooksApi
{
    public sealed record WebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, bool Active, DateTime CreatedAt,
        string? Secret = null)
    {
        public static WebhookDto From(Webhook w, bool withSecret = false) =>
            new(w.Id, w.Url, WebhookEvents.Of(w).ToList(), w.Description, w.Active, w.CreatedAt, withSecret ? w.Secret : null);
    }

    public sealed record CreateWebhookRequest(string? Url, List<string>? Events, string? Description);

    public sealed record DeliveryDto(long Id, Guid? WebhookId, string Url, string Event, string Status, int Attempts, DateTime CreatedAt,
        DateTime? SentAt, DateTime? NextAttemptAt, string? LastError)
    {
        public static DeliveryDto From(WebhookService.Delivery d) =>
            new(d.Id, d.WebhookId, d.Url, d.Event, d.Status.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt, d.SentAt,
                d.Status == OutboxStatus.Pending ? d.NextAttemptAt : null, d.LastError);
    }

    public static void MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Permission.ManageWorkspace.Name);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
        group.MapGet("/{id:guid}/deliveries", DeliveriesAsync);
    }

    private static async Task<Ok<Page<WebhookDto>>> ListAsync(WebhookService webhooks, CancellationToken ct) =>
        TypedResults.Ok(new Page<WebhookDto>((await webhooks.ListAsync(ct)).Select(w => WebhookDto.From(w)).ToList(), null));

    private static async Task<Results<Created<WebhookDto>, ValidationProblem>> CreateAsync(CreateWebhookRequest? body, WebhookService webhooks,
        HttpContext http, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with 'url' and 'events'."] });
        }

        var errors = WebhookService.Validate(body.Url, body.Events, body.Description);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var webhook = await webhooks.CreateAsync(body.Url!, body.Events!, body.Description, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/webhooks/{webhook.Id}", WebhookDto.From(webhook, withSecret: true));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, WebhookService webhooks, HttpContext http,
        CancellationToken ct) =>
        await webhooks.DeleteAsync(id, http.User.Actor(), ct) ? TypedResults.NoContent() : Problems.NotFound("Webhook");

    private static async Task<Ok<Page<DeliveryDto>>> DeliveriesAsync(Guid id, WebhookService webhooks, CancellationToken ct) =>
        TypedResults.Ok(new Page<DeliveryDto>((await webhooks.RecentDeliveriesAsync(id, 100, ct)).Select(DeliveryDto.From).ToList(), null));
}
