using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Touchpoint.Core.Data;

namespace Touchpoint.Bench;

/// <summary>
/// The real Touchpoint host, started from its Release build exactly as an operator would run it:
/// Production environment, a fresh database, an admin, workspace and full-scope API key created at
/// start from <c>Touchpoint__Bootstrap__*</c> environment variables.
/// </summary>
internal sealed class TouchpointHost : IAsyncDisposable
{
    public const string ApiKey = "tp_key_bench_0123456789abcdefghijklmnopqrstuvwxyz";
    public const string WriteKey = "tp_write_bench_0123456789abcdefghijklmnopqrstuvwxyz";
    public const string AdminEmail = "bench@touchpoint.local";
    public const string AdminPassword = "bench-password-123";

    private readonly HostProcess _process;

    private TouchpointHost(HostProcess process, BenchDatabase database)
    {
        _process = process;
        Database = database;
        Client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
    }

    public Uri BaseAddress => _process.BaseAddress;
    public int ProcessId => _process.ProcessId;
    public BenchDatabase Database { get; }

    /// <summary>Authenticated with the bootstrap API key; for setup calls and timed sequential calls.</summary>
    public HttpClient Client { get; }

    /// <param name="settings">Extra configuration as environment variables (e.g. a raised public rate limit for a load test).</param>
    public static async Task<TouchpointHost> StartAsync(BenchDatabase database, string runFolder, string name,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var build = Path.Combine(Repository.Root, "src", "Touchpoint.Web", "bin", "Release", "net10.0");
        var dll = Path.Combine(build, "Touchpoint.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build Touchpoint.Web in Release first (dotnet build -c Release).", dll);
        }

        var data = Directory.CreateDirectory(Path.Combine(runFolder, name + "-data")).FullName;
        var port = HostProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            // Plain (not ASPNETCORE_) variables come after appsettings.json, so these win over its Urls.
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Touchpoint__Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__Touchpoint"] = database.ConnectionString,
            ["Touchpoint__Smtp__PickupDirectory"] = Path.Combine(data, "mail"),
            ["Touchpoint__Bootstrap__AdminEmail"] = AdminEmail,
            ["Touchpoint__Bootstrap__AdminPassword"] = AdminPassword,
            ["Touchpoint__Bootstrap__WorkspaceName"] = "Bench",
            ["Touchpoint__Bootstrap__ApiKey"] = ApiKey,
            ["Touchpoint__Bootstrap__WriteKey"] = WriteKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        // The working directory is the build folder: that is the content root, where appsettings.json lives.
        var process = await HostProcess.StartAsync("Touchpoint", "dotnet", [dll], build, environment, port, "/healthz",
            Path.Combine(runFolder, name + ".log"));
        return new TouchpointHost(process, database);
    }

    /// <summary>Creates a live NPS survey through the REST API and returns its id and its workspace's.</summary>
    public Task<(Guid Survey, Guid Workspace)> CreateNpsSurveyAsync() => CreateSurveyAsync(definition: null);

    /// <summary>An NPS survey: the standard one, or the given definition.</summary>
    public async Task<(Guid Survey, Guid Workspace)> CreateSurveyAsync(object? definition)
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/surveys", new { name = "Bench NPS", metric = "nps", definition });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var survey = body.RootElement.GetProperty("id").GetGuid();

        await using var connection = Database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"WorkspaceId\" FROM \"Surveys\" WHERE \"Id\" = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = Database.Value(survey);
        command.Parameters.Add(parameter);
        var workspace = await command.ExecuteScalarAsync();
        return (survey, workspace is Guid g ? g : Guid.Parse((string)workspace!));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }
}

/// <summary>Finds the repository from the bench's build folder, so the bench runs from any directory.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Touchpoint.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Touchpoint.slnx above " + AppContext.BaseDirectory);
    }
}

/// <summary>Which database a run uses; parsed from --provider.</summary>
internal static class Providers
{
    public static DatabaseProvider Parse(string value) => value.ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "pg" => DatabaseProvider.Postgres,
        _ => throw new ArgumentException($"Unknown provider '{value}': use sqlite or postgres."),
    };
}
