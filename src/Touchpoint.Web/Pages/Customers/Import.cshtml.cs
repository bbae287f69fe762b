using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Customers.Import;
using Touchpoint.Core.Data;
using Touchpoint.Web.Customers;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Customers;

/// <summary>
/// Upload a CSV of customers or events, see its columns with where each goes (change any), check it
/// with a dry run, then import it; plus download links for exports. Anyone who sees feedback may
/// export; importing needs the survey-manager roles, like the import API.
/// </summary>
[Authorize(Policy = "feedback.view")]
[RequestSizeLimit(UploadCeiling)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadCeiling)]
internal sealed class ImportModel(ImportStaging staging, CustomerImporter customers, EventImporter events,
    IOptions<ImportLimitsOptions> limits, WorkspaceScope scope) : PageModel
{
    /// <summary>The framework's ceiling; the configured Touchpoint:Import:MaxFileBytes is checked while reading.</summary>
    private const long UploadCeiling = 1L << 31;

    public sealed record Column(string Name, string Target, IReadOnlyList<string> Choices);

    [BindProperty] public string Kind { get; set; } = "customers";
    [BindProperty] public string? Encoding { get; set; }
    [BindProperty] public string? Token { get; set; }
    [BindProperty] public List<string> Targets { get; set; } = [];

    public bool CanImport => User.Has(Permission.ManageSurveys);
    public List<Column> Columns { get; private set; } = [];
    public ImportReport? Report { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (!CanImport)
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            Error = "Choose a CSV file to upload.";
            return Page();
        }

        try
        {
            await using var upload = file.OpenReadStream();
            Token = await staging.SaveAsync(scope.WorkspaceId, upload, limits.Value.MaxFileBytes, ct);
            Targets = [];
            ReadColumns();
        }
        catch (ImportUpload.TooLargeException tooLarge)
        {
            Error = $"The file is larger than {tooLarge.Limit / (1024 * 1024)} MB. Split it and import the parts.";
        }
        catch (ImportFileException unusable)
        {
            Error = unusable.Message;
            staging.Delete(scope.WorkspaceId, Token);
            Token = null;
        }

        return Page();
    }

    public Task<IActionResult> OnPostCheckAsync(CancellationToken ct) => RunAsync(dryRun: true, ct);

    public Task<IActionResult> OnPostRunAsync(CancellationToken ct) => RunAsync(dryRun: false, ct);

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken ct)
    {
        if (!CanImport)
        {
            return Forbid();
        }

        try
        {
            var header = ReadColumns();
            if (header is null)
            {
                return Page();
            }

            var map = header.Select((name, i) => i < Targets.Count ? $"{name}={Targets[i]}" : "").ToList();
            await using var file = staging.Open(scope.WorkspaceId, Token)!;
            var options = new ImportOptions(dryRun, map, Encoding, User.Actor());
            Report = Kind == "events"
                ? await events.ImportAsync(file, options, ct: ct)
                : await customers.ImportAsync(file, options, ct: ct);
        }
        catch (ImportFileException unusable)
        {
            Error = unusable.Message;
        }

        if (!dryRun && Report is not null)
        {
            staging.Delete(scope.WorkspaceId, Token);
            Token = null;
            Columns = [];
        }

        return Page();
    }

    /// <summary>Reads the staged file's header and fills <see cref="Columns"/>; null (with <see cref="Error"/>) when the file is gone.</summary>
    private string[]? ReadColumns()
    {
        Kind = Kind == "events" ? "events" : "customers";
        using var file = staging.Open(scope.WorkspaceId, Token);
        if (file is null)
        {
            Error = "The uploaded file is no longer here (files are kept for a day). Upload it again.";
            Token = null;
            return null;
        }

        using var csv = new CsvRecords(file, Encoding);
        var schema = Kind == "events" ? ImportSchema.Events : ImportSchema.Customers;
        var defaults = ColumnMap.Build(csv.Header, [], schema);
        Columns = defaults.Columns.Select((c, i) =>
        {
            var fallback = defaults.MappingValue(c);
            var target = i < Targets.Count && !string.IsNullOrWhiteSpace(Targets[i]) ? Targets[i] : fallback;
            var own = $"{schema.OtherPrefix}:{(c.Field == ColumnTarget.Other ? c.Key : c.Column)}";
            var choices = schema.Fields.Append(own).Append(ImportSchema.Ignore).Append(target).Distinct(StringComparer.Ordinal).ToList();
            return new Column(c.Column, target, choices);
        }).ToList();
        Targets = Columns.Select(c => c.Target).ToList();
        return csv.Header;
    }
}
