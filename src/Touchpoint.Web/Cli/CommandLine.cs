using System.CommandLine;

namespace Touchpoint.Web.Cli;

/// <summary>
/// The verbs of the Touchpoint executable. <c>serve</c> (or no verb) runs the web host; the others
/// run against the same configuration and services, then exit. Configuration keys can follow a verb
/// as <c>--Section:Key=value</c>, just as for serve.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "seed-demo", "users", "keys", "import", "export", "--help", "-h", "-?"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>The arguments the host's configuration sees: all for serve, only configuration keys for a verb.</summary>
    public static string[] HostArguments(string[] args)
    {
        if (args.Length > 0 && args[0] == "serve")
        {
            return args[1..];
        }

        return IsVerb(args) ? args.Where(IsConfigurationKey).ToArray() : args;
    }

    private static bool IsConfigurationKey(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal) && arg.IndexOf(':', StringComparison.Ordinal) is > 2;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var root = new RootCommand("Touchpoint: customer experience management. With no verb, serves the web app.");
        root.Subcommands.Add(new Command("serve", "Serve the web app (the default)."));
        root.Subcommands.Add(DatabaseVerbs.Migrate(app));
        root.Subcommands.Add(DatabaseVerbs.SeedDemo(app));
        root.Subcommands.Add(UserVerbs.Create(app));
        root.Subcommands.Add(KeyVerbs.Create(app));
        root.Subcommands.Add(ImportVerbs.Create(app));
        root.Subcommands.Add(ExportVerbs.Create(app));
        var tokens = args.Where(a => !IsConfigurationKey(a)).ToArray();
        return await root.Parse(tokens).InvokeAsync();
    }
}
