using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Touchpoint.Core.Data;

namespace Touchpoint.Bench;

/// <summary>
/// tracking-single's baseline store: one open connection that inserts a batch of track events into
/// Touchpoint's Events table in one transaction (SQLite: a prepared INSERT per row; PostgreSQL: the
/// batch's INSERTs in one round trip). All rows belong to one customer; Touchpoint's side resolves
/// each event's user to its profile, which is part of what it is measured doing.
/// </summary>
internal sealed class EventBaselineDatabase
{
    private const string InsertSql =
        "INSERT INTO \"Events\" (\"WorkspaceId\", \"CustomerId\", \"MessageId\", \"Type\", \"Name\", \"Properties\", \"Source\", \"Channel\", " +
        "\"OccurredAt\", \"ReceivedAt\") VALUES ($1, $2, $3, 'Track', $4, $5, 'Web', 'Web', $6, $7) RETURNING \"Id\"";

    private readonly BenchDatabase _values;
    private readonly DbConnection _connection;
    private readonly Guid _workspace;
    private readonly Guid _customer;

    private EventBaselineDatabase(BenchDatabase values, Guid workspace, Guid customer)
    {
        _values = values;
        _connection = values.OpenConnection();
        _workspace = workspace;
        _customer = customer;
    }

    public static EventBaselineDatabase Open(DatabaseProvider provider, string connectionString, Guid workspace, Guid customer) =>
        new(BenchDatabase.Existing(provider, connectionString), workspace, customer);

    public long[] Insert(IReadOnlyList<BaselineEvent> rows)
    {
        using var transaction = _connection.BeginTransaction();
        var received = DateTime.UtcNow;
        var ids = new long[rows.Count];
        if (_connection is NpgsqlConnection npgsql)
        {
            using var batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction)transaction);
            foreach (var row in rows)
            {
                var command = new NpgsqlBatchCommand(InsertSql);
                foreach (var value in Values(row, received))
                {
                    command.Parameters.Add(value is string text
                        ? new NpgsqlParameter { Value = text, NpgsqlDbType = NpgsqlDbType.Text }
                        : new NpgsqlParameter { Value = value });
                }

                batch.BatchCommands.Add(command);
            }

            using var reader = batch.ExecuteReader();
            for (var i = 0; i < rows.Count; i++)
            {
                reader.Read();
                ids[i] = reader.GetInt64(0);
                reader.NextResult();
            }
        }
        else
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = InsertSql.Replace("$", "@p", StringComparison.Ordinal);
            for (var i = 0; i < rows.Count; i++)
            {
                command.Parameters.Clear();
                var n = 1;
                foreach (var value in Values(rows[i], received))
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "p" + n++.ToString(CultureInfo.InvariantCulture);
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }

                ids[i] = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
        }

        transaction.Commit();
        return ids;
    }

    private object[] Values(BaselineEvent row, DateTime received) =>
    [
        _values.Value(_workspace), _values.Value(_customer), row.MessageId!, row.Event!, row.Properties.GetRawText(),
        _values.Value(row.Timestamp?.ToUniversalTime() ?? received), _values.Value(received),
    ];
}
