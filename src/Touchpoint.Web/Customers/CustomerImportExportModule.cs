using Touchpoint.Core.Customers.Export;
using Touchpoint.Core.Customers.Import;

namespace Touchpoint.Web.Customers;

/// <summary>CSV import of customers and events, and CSV/JSON export: services and endpoints.</summary>
internal static class CustomerImportExportModule
{
    private const long MultipartAllowance = 64 * 1024;

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
        // A multipart form is a little larger than the file in it; the file itself is held to the limit while it is read.
        app.MapCustomerImportApi(limits.MaxFileBytes + MultipartAllowance);
        app.MapCustomerExportApi();
        return app;
    }
}
