using Touchpoint.Core.Customers;

namespace Touchpoint.Web.Customers;

/// <summary>Profiles and the timeline: the editor and one <see cref="ITimelineSource"/> per kind of item.</summary>
internal static class CustomersModule
{
    public static IServiceCollection AddCustomerProfiles(this IServiceCollection services)
    {
        services.AddScoped<CustomerEditor>();
        services.AddScoped<CustomerTimeline>();
        services.AddScoped<ITimelineSource, EventTimelineSource>();
        services.AddScoped<ITimelineSource, ResponseTimelineSource>();
        services.AddScoped<ITimelineSource, EmailTimelineSource>();
        return services;
    }
}
