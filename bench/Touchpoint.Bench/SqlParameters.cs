using System.Data.Common;

namespace Touchpoint.Bench;

/// <summary>Named parameters for the benches' hand-written SQL (the baselines and the seeders' checks).</summary>
internal static class SqlParameters
{
    public static void Add(DbCommand command, params (string Name, object Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
    }
}
