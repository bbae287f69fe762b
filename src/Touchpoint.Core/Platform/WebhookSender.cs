using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;

namespace Touchpoint.Core.Platform;

/// <summary>
/// Delivers one outbox row of kind "webhook": POSTs its JSON body to the webhook's URL with the
/// Standard Webhooks headers. A 2xx answer is a delivery; anything else throws
/// <see cref="WebhookDeliveryException"/> and the outbox retries with its backoff. Redirects are
/// followed only within the same origin, so a receiver cannot bounce signed payloads to another host.
/// </summary>
public sealed class WebhookSender(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public const string Kind = "webhook";
    public const string ReferencePrefix = "webhook:";
    private const int MaxRedirects = 3;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static string ReferenceOf(Guid webhookId) => ReferencePrefix + webhookId.ToString("D");

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var secret = await SecretOfAsync(message, ct);
        var id = message.MessageId;
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(secret, id, timestamp, message.TextBody);
        var target = new Uri(message.Recipient);
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target)
            {
                Content = new StringContent(message.TextBody, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", id);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", signature);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Touchpoint-Webhooks", "1.0"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return;
            }

            if (status is 307 or 308 && response.Headers.Location is { } location && hop < MaxRedirects)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                if (Uri.Compare(next, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    throw new WebhookDeliveryException($"The receiver redirected to another host ({next.Host}); webhooks follow redirects only on the same host.");
                }

                target = next;
                continue;
            }

            throw new WebhookDeliveryException($"The receiver answered {status} {response.ReasonPhrase}; only a 2xx answer counts as delivered.");
        }
    }

    private async Task<string> SecretOfAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Reference is not { } reference || !reference.StartsWith(ReferencePrefix, StringComparison.Ordinal)
            || !Guid.TryParse(reference[ReferencePrefix.Length..], out var webhookId))
        {
            throw new WebhookDeliveryException("The message names no webhook.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        // The dispatcher works for every workspace.
        return await db.Webhooks.IgnoreQueryFilters().AsNoTracking().Where(w => w.Id == webhookId)
            .Select(w => w.Secret).FirstOrDefaultAsync(ct)
            ?? throw new WebhookDeliveryException("The webhook was deleted; nothing more is sent to it.");
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A webhook delivery that did not succeed; its message is what the outbox row shows.</summary>
public sealed class WebhookDeliveryException(string message) : Exception(message);
