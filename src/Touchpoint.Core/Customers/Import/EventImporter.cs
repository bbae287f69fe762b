using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// Imports historical events from CSV. Each event belongs to a customer found by userId (external
/// id) or email, created when not known yet. Events keep their message id (given, or derived from
/// the row) so the unique (workspace, message id) index makes a re-run store nothing twice.
/// </summary>
public sealed class EventImporter(TouchpointDbContext db, WorkspaceScope scope, CustomerChanges changes, AuditLog audit,
    TimeProvider clock)
{
    private static readonly string[] RequiredFields = ["event", "timestamp"];

    public async Task<ImportReport> ImportAsync(Stream file, ImportOptions options, IProgress<long>? progress = null,
        CancellationToken ct = default)
    {
        using var csv = new CsvRecords(file, options.Encoding);
        var map = ColumnMap.Build(csv.Header, options.Map, ImportSchema.Events);
        var missing = RequiredFields.Where(f => map.For(f) is null).ToList();
        if (map.For("userId") is null && map.For("email") is null)
        {
            missing.Insert(0, "userId or email");
        }

        if (missing.Count > 0)
        {
            throw new ImportFileException("file", $"No column holds the events' {string.Join(", ", missing)}. The first line must name the " +
                "columns (for example userId,event,timestamp), or map them: map=<column>=timestamp.");
        }

        var report = new ImportReport(ImportSchema.Events.Kind, options.DryRun) { CustomersCreated = 0 };
        var state = new RunState(options.DryRun);
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = new List<EventRow>(ImportOptions.BatchSize);
        foreach (var record in csv.Rows())
        {
            report.RowsRead++;
            if (record.Cells is null)
            {
                report.Fail(record.Line, "row", record.Problem!);
                continue;
            }

            var problems = new List<(string, string)>();
            if (EventRow.Read(record, map, now, problems) is not { } row)
            {
                report.Fail(record.Line, problems);
                continue;
            }

            batch.Add(row);
            if (batch.Count == ImportOptions.BatchSize)
            {
                await WriteAsync(batch, report, state, ct);
                batch.Clear();
                progress?.Report(csv.BytesRead);
            }
        }

        await WriteAsync(batch, report, state, ct);
        progress?.Report(csv.BytesRead);
        if (!options.DryRun)
        {
            audit.Record(options.Actor, "events.imported", "events",
                $"{report.RowsRead} rows: {report.Created} stored, {report.Unchanged} already there, {report.Failed} failed, " +
                $"{report.CustomersCreated} customers created");
            await db.SaveChangesAsync(ct);
        }

        return report.Complete();
    }

    /// <summary>What a dry run must remember across batches, since it writes nothing the next batch could find.</summary>
    private sealed class RunState(bool dryRun)
    {
        public bool DryRun { get; } = dryRun;
        public HashSet<string> SeenMessageIds { get; } = new(StringComparer.Ordinal);
        public HashSet<string> CreatedCustomers { get; } = new(StringComparer.Ordinal);
    }

    private async Task WriteAsync(List<EventRow> rows, ImportReport report, RunState state, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var customers = await CustomersAsync(rows, state, ct);
        var messageIds = rows.Select(r => r.MessageId).Distinct().ToList();
        var stored = (await db.Events.Where(e => messageIds.Contains(e.MessageId)).Select(e => e.MessageId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        int created = 0, unchanged = 0;
        var touched = new Dictionary<Guid, Customer>();
        foreach (var row in rows)
        {
            if (stored.Contains(row.MessageId) || !inBatch.Add(row.MessageId) || (state.DryRun && !state.SeenMessageIds.Add(row.MessageId)))
            {
                unchanged++;
                continue;
            }

            created++;
            if (state.DryRun)
            {
                continue;
            }

            var customer = customers.Found[row.CustomerKey];
            db.Events.Add(new TrackedEvent
            {
                WorkspaceId = scope.WorkspaceId,
                CustomerId = customer.Id,
                MessageId = row.MessageId,
                Type = row.Type,
                Name = row.Name,
                Properties = row.Properties,
                Source = row.Source,
                Channel = row.Channel,
                OccurredAt = row.OccurredAt,
                ReceivedAt = now,
            });
            if (customer.LastSeenAt is null || customer.LastSeenAt < row.OccurredAt)
            {
                customer.LastSeenAt = row.OccurredAt;
            }

            customer.UpdatedAt = now;
            touched[customer.Id] = customer;
        }

        if (!state.DryRun)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (rows.Count > 1)
            {
                // Another writer stored one of these message ids (or the customer) meanwhile: row by row, so only that row is affected.
                db.ChangeTracker.Clear();
                foreach (var row in rows)
                {
                    await WriteAsync([row], report, state, ct);
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
            foreach (var id in touched.Keys)
            {
                changes.Notify(scope.WorkspaceId, id);
            }
        }

        // A dry run only read: let go of what it loaded, so a large file keeps memory flat.
        db.ChangeTracker.Clear();
        report.Created += created;
        report.Unchanged += unchanged;
        report.CustomersCreated += customers.CreatedCount;
    }

    private sealed record Resolved(Dictionary<string, Customer> Found, int CreatedCount);

    /// <summary>The batch's customers by key: found by external id or email, else created (or, in a dry run, counted).</summary>
    private async Task<Resolved> CustomersAsync(List<EventRow> rows, RunState state, CancellationToken ct)
    {
        var ids = rows.Where(r => r.UserId is not null).Select(r => r.UserId!).Distinct().ToList();
        var emails = rows.Where(r => r.Email is not null).Select(r => r.Email!).Distinct().ToList();
        var found = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var customer in await db.Customers.Where(c => c.ExternalId != null && ids.Contains(c.ExternalId)).ToListAsync(ct))
        {
            found[$"id:{customer.ExternalId}"] = customer;
        }

        foreach (var customer in await db.Customers.Where(c => c.Email != null && emails.Contains(c.Email))
                     .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct))
        {
            found.TryAdd($"email:{customer.Email}", customer);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var created = 0;
        foreach (var row in rows.Where(r => !found.ContainsKey(r.CustomerKey)))
        {
            if (state.DryRun)
            {
                created += state.CreatedCustomers.Add(row.CustomerKey) ? 1 : 0;
                continue;
            }

            var customer = new Customer { WorkspaceId = scope.WorkspaceId, ExternalId = row.UserId, CreatedAt = now, UpdatedAt = now };
            if (row.Email is not null)
            {
                ProfileTraits.Apply(customer, new JsonObject { ["email"] = row.Email });
            }

            db.Customers.Add(customer);
            await ProfileTraits.SyncIndexAsync(db, customer, isNew: true, ct);
            found[row.CustomerKey] = customer;
            created++;
        }

        return new Resolved(found, created);
    }
}
