using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// Imports customers from CSV: each row upserts a profile by externalId, else by email, through
/// <see cref="ProfileTraits.Apply"/> like every other way traits arrive. Valid rows are written in
/// transactions of <see cref="ImportOptions.BatchSize"/>; a bad row is reported and skipped, never
/// taking good rows down with it. A row that changes nothing writes nothing, so a re-run is a no-op.
/// </summary>
public sealed class CustomerImporter(TouchpointDbContext db, WorkspaceScope scope, CustomerChanges changes, AuditLog audit,
    TimeProvider clock)
{
    /// <summary>Reads, checks and (unless a dry run) writes the file. Throws <see cref="ImportFileException"/> when the file is unusable.</summary>
    public async Task<ImportReport> ImportAsync(Stream file, ImportOptions options, IProgress<long>? progress = null,
        CancellationToken ct = default)
    {
        using var csv = new CsvRecords(file, options.Encoding);
        var map = ColumnMap.Build(csv.Header, options.Map, ImportSchema.Customers);
        if (map.For("externalId") is null && map.For("email") is null)
        {
            throw new ImportFileException("file", "No column holds the customer's externalId or email. The first line must name the " +
                "columns (for example externalId,email,name,plan), or map one: map=<column>=externalId.");
        }

        var report = new ImportReport(ImportSchema.Customers.Kind, options.DryRun);
        var dryRunCreated = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<CustomerRow>(ImportOptions.BatchSize);
        foreach (var record in csv.Rows())
        {
            report.RowsRead++;
            if (record.Cells is null)
            {
                report.Fail(record.Line, "row", record.Problem!);
                continue;
            }

            var problems = new List<(string, string)>();
            var row = CustomerRow.Read(record, map, problems);
            if (problems.Count > 0)
            {
                report.Fail(record.Line, problems);
                continue;
            }

            batch.Add(row);
            if (batch.Count == ImportOptions.BatchSize)
            {
                await WriteAsync(batch, report, options.DryRun, dryRunCreated, ct);
                batch.Clear();
                progress?.Report(csv.BytesRead);
            }
        }

        await WriteAsync(batch, report, options.DryRun, dryRunCreated, ct);
        progress?.Report(csv.BytesRead);
        if (!options.DryRun)
        {
            audit.Record(options.Actor, "customers.imported", "customers",
                $"{report.RowsRead} rows: {report.Created} created, {report.Updated} updated, {report.Unchanged} unchanged, {report.Failed} failed");
            await db.SaveChangesAsync(ct);
        }

        return report.Complete();
    }

    private sealed class Tally
    {
        public int Created;
        public int Updated;
        public int Unchanged;
        public readonly List<(int Line, List<(string, string)> Problems)> Failures = [];
        public readonly List<(Customer Customer, bool IsNew)> Touched = [];
    }

    private async Task WriteAsync(List<CustomerRow> rows, ImportReport report, bool dryRun, HashSet<string> dryRunCreated, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var tally = await ApplyAsync(rows, dryRun, dryRunCreated, ct);
        if (!dryRun)
        {
            try
            {
                await ProfileTraits.SyncIndexAsync(db, tally.Touched.Where(t => !t.IsNew).Select(t => t.Customer).ToList(),
                    tally.Touched.Where(t => t.IsNew).Select(t => t.Customer), ct);

                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (rows.Count > 1)
            {
                // Something in the batch collided (another writer created the same customer meanwhile): row by row,
                // so only the row that collides fails.
                db.ChangeTracker.Clear();
                foreach (var row in rows)
                {
                    await WriteAsync([row], report, dryRun, dryRunCreated, ct);
                }

                return;
            }
            catch (DbUpdateException ex)
            {
                db.ChangeTracker.Clear();
                report.Fail(rows[0].Line, "row", $"This row could not be saved: {(ex.InnerException ?? ex).Message}");
                return;
            }

            db.ChangeTracker.Clear();
            foreach (var (customer, _) in tally.Touched)
            {
                changes.Notify(scope.WorkspaceId, customer.Id);
            }
        }

        // A dry run only read: let go of what it loaded, so a large file keeps memory flat.
        db.ChangeTracker.Clear();
        report.Created += tally.Created;
        report.Updated += tally.Updated;
        report.Unchanged += tally.Unchanged;
        foreach (var (line, problems) in tally.Failures)
        {
            report.Fail(line, problems);
        }
    }

    private async Task<Tally> ApplyAsync(List<CustomerRow> rows, bool dryRun, HashSet<string> dryRunCreated, CancellationToken ct)
    {
        var ids = rows.Where(r => r.ExternalId is not null).Select(r => r.ExternalId!).Distinct().ToList();
        var emails = rows.Where(r => r.Email is not null).Select(r => r.Email!).Distinct().ToList();
        var found = await db.Customers.Where(c => (c.ExternalId != null && ids.Contains(c.ExternalId)) || (c.Email != null && emails.Contains(c.Email)))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var byId = new Dictionary<string, Customer>(StringComparer.Ordinal);
        var byEmail = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var customer in found)
        {
            Remember(customer, byId, byEmail);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var tally = new Tally();
        var touched = new HashSet<Guid>();
        foreach (var row in rows)
        {
            var existing = Find(row, byId, byEmail);
            var isNew = existing is null;
            var customer = existing is null
                ? new Customer { WorkspaceId = scope.WorkspaceId, ExternalId = row.ExternalId, CreatedAt = now, UpdatedAt = now }
                : ProfileCopy.Clone(existing);
            if (existing is not null && existing.ExternalId is null && row.ExternalId is not null)
            {
                // An email-only profile gets the id the company's systems know it by.
                customer.ExternalId = row.ExternalId;
            }

            var errors = ProfileTraits.Apply(customer, ProfileCopy.MergeNested(customer, row.Traits));
            if (row.Stage is { } stage)
            {
                customer.LifecycleStage = stage;
                customer.LifecycleSetManually = true;
            }

            if (errors.Count > 0)
            {
                tally.Failures.Add((row.Line, errors.Select(e => (row.ColumnOf.GetValueOrDefault(e.Key, e.Key), e.Value[0])).ToList()));
                continue;
            }

            if (isNew)
            {
                var key = Key(row);
                if (dryRun && !dryRunCreated.Add(key))
                {
                    tally.Updated++;
                    continue;
                }

                tally.Created++;
                Remember(customer, byId, byEmail);
                if (!dryRun)
                {
                    db.Customers.Add(customer);
                    tally.Touched.Add((customer, true));
                    touched.Add(customer.Id);
                }
            }
            else if (ProfileCopy.SameProfile(existing!, customer))
            {
                tally.Unchanged++;
            }
            else
            {
                tally.Updated++;
                if (!dryRun)
                {
                    ProfileCopy.CopyProfile(customer, existing!);
                    existing!.UpdatedAt = now;
                    Remember(existing, byId, byEmail);
                    if (touched.Add(existing.Id))
                    {
                        tally.Touched.Add((existing, false));
                    }
                }
            }
        }

        return tally;
    }

    private static Customer? Find(CustomerRow row, Dictionary<string, Customer> byId, Dictionary<string, Customer> byEmail)
    {
        if (row.ExternalId is not null)
        {
            if (byId.TryGetValue(row.ExternalId, out var known))
            {
                return known;
            }

            // Else the row may name a profile so far known only by email (created by a survey answer or an earlier import).
            return row.Email is not null && byEmail.TryGetValue(row.Email, out var byMail) && byMail.ExternalId is null ? byMail : null;
        }

        return byEmail.GetValueOrDefault(row.Email!);
    }

    private static void Remember(Customer customer, Dictionary<string, Customer> byId, Dictionary<string, Customer> byEmail)
    {
        if (customer.ExternalId is not null)
        {
            byId[customer.ExternalId] = customer;
        }

        if (customer.Email is not null)
        {
            byEmail.TryAdd(customer.Email, customer);
        }
    }

    private static string Key(CustomerRow row) => row.ExternalId is not null ? $"id:{row.ExternalId}" : $"email:{row.Email}";
}
