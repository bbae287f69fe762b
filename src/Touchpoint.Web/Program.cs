using Touchpoint.Web;
using Touchpoint.Web.Cli;
using Touchpoint.Web.Pages;
using Touchpoint.Web.Platform;

// Touchpoint's host. Each capability adds its services and maps its endpoints; the same executable
// also runs the command-line verbs (migrate, seed-demo, users, keys) against the same configuration.
var builder = WebApplication.CreateBuilder(CommandLine.HostArguments(args));
builder.AddPlatform();
builder.AddEmail();
builder.AddCapabilities();
builder.Services.AddTouchpointPages();

await using var app = builder.Build();
if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(app, args);
}

await app.PrepareAsync();
app.UsePlatform();
app.MapPlatformEndpoints();
app.MapCapabilityEndpoints();
app.MapRazorPages();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
