using Touchpoint.Core.Customers.Export;
using Touchpoint.Core.Customers.Import;

namespace Touchpoint.Web.Customers;

/// <summary>CSV import of customers and events, and CSV/JSON export: services and endpoints.</summary>
internal static class CustomerImportExportModule
{
    public static WebApplicationBuilder AddCustomerImportExport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportLimitsOptions>().BindConfiguration(ImportLimitsOptions.Section);
        builder.Services.AddScoped<CustomerImporter>();
        builder.Services.AddScoped<EventImporter>();
        builder.Services.AddScoped<CustomerExporter>();
        builder.Services.AddScoped<EventExporter>();
        builder.Services.AddSingleton<ImportStaging>();
        return builder;
    }

    public static WebApplication MapCustomerImportExport(this WebApplication app)
    {
        var limits = app.Configuration.GetSection(ImportLimitsOptions.Section).Get<ImportLimitsOptions>() ?? new ImportLimitsOptions();
        app.MapCustomerImportApi(limits.MaxFileBytes);
        app.MapCustomerExportApi();
        return app;
    }
}
