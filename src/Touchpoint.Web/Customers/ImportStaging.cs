namespace Touchpoint.Web.Customers;

/// <summary>
/// Uploaded files the import page holds between "upload", "check" and "import", in the node's temp
/// folder, per workspace, named by a random token. Files older than a day are swept on each upload.
/// One node's disk: behind a load balancer the import page needs sticky sessions (the API does not).
/// </summary>
internal sealed class ImportStaging
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "touchpoint-imports");

    public async Task<string> SaveAsync(Guid workspaceId, Stream upload, long limit, CancellationToken ct)
    {
        var folder = Folder(workspaceId);
        Directory.CreateDirectory(folder);
        Sweep(folder);
        var token = Guid.NewGuid().ToString("N");
        await using (var spooled = await ImportUpload.CopyAsync(upload, limit, ct))
        await using (var file = File.Create(Path.Combine(folder, token + ".csv")))
        {
            await spooled.CopyToAsync(file, ct);
        }

        return token;
    }

    /// <summary>The staged file, or null when the token is not one of this workspace's (or it was swept).</summary>
    public FileStream? Open(Guid workspaceId, string? token) =>
        PathOf(workspaceId, token) is { } path && File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)
            : null;

    public void Delete(Guid workspaceId, string? token)
    {
        if (PathOf(workspaceId, token) is { } path)
        {
            File.Delete(path);
        }
    }

    // Only a token this class made can name a file: 32 hex digits, nothing that walks the file system.
    private string? PathOf(Guid workspaceId, string? token) =>
        Guid.TryParseExact(token, "N", out var id) ? Path.Combine(Folder(workspaceId), id.ToString("N") + ".csv") : null;

    private string Folder(Guid workspaceId) => Path.Combine(_root, workspaceId.ToString("N"));

    private static void Sweep(string folder)
    {
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.csv").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow - KeepFor))
        {
            try
            {
                file.Delete();
            }
            catch (IOException)
            {
                // In use by an import that is still running: the next sweep takes it.
            }
        }
    }
}
