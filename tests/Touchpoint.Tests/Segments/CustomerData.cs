using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Segments;

/// <summary>Hand-built customers, traits, events and answers, written straight to the database of one workspace.</summary>
public static class CustomerData
{
    public static Task<Guid> AddCustomerAsync(this TestWorkspace workspace, string externalId, string traits = "{}", Action<Customer>? configure = null) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var customer = new Customer { ExternalId = externalId, Name = externalId, Traits = traits, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            configure?.Invoke(customer);
            db.Customers.Add(customer);
            await ProfileTraits.SyncIndexAsync(db, customer, isNew: true);
            await db.SaveChangesAsync();
            return customer.Id;
        });

    /// <summary>Replaces a customer's traits (and their index rows), as an identify call would.</summary>
    public static Task SetTraitsAsync(this TestWorkspace workspace, Guid customerId, string traits) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var customer = await db.Customers.FindAsync(customerId) ?? throw new InvalidOperationException("No such customer.");
            customer.Traits = traits;
            await ProfileTraits.SyncIndexAsync(db, customer, isNew: false);
            await db.SaveChangesAsync();
        });

    public static Task AddEventAsync(this TestWorkspace workspace, Guid customerId, string name, DateTime occurredAt) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            db.Events.Add(new TrackedEvent
            {
                CustomerId = customerId,
                MessageId = Guid.NewGuid().ToString("N"),
                Type = EventType.Track,
                Name = name,
                Source = TrackingSource.Web,
                Channel = Channel.Web,
                OccurredAt = occurredAt,
                ReceivedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

    public static Task AddAnswerAsync(this TestWorkspace workspace, Guid surveyId, Guid customerId, SurveyMetric metric, int score, DateTime at) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            db.Responses.Add(new Response { SurveyId = surveyId, CustomerId = customerId, Metric = metric, Score = score, SubmittedAt = at });
            await db.SaveChangesAsync();
        });

    /// <summary>Tells the segment maintainer the customer changed, as the tracking and customer APIs do.</summary>
    public static void NotifyChanged(this TestWorkspace workspace, Guid customerId) =>
        workspace.App.Services.GetRequiredService<CustomerChanges>().Notify(workspace.Id, customerId);
}
