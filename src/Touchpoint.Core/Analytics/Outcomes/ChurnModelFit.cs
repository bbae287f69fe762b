using Touchpoint.Core.Data;

namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>
/// The churn model a workspace's scores came from: its weights, how many customers it learnt from, and
/// how well it ranked customers in the backtest. One row per workspace, replaced on each recompute.
/// </summary>
public sealed class ChurnModelFit : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }
    /// <summary>JSON object feature to weight (log-odds), with "intercept".</summary>
    public string Weights { get; set; } = "{}";
    /// <summary>True when the prior alone was used: too few customers or too few churners to learn from.</summary>
    public bool PriorOnly { get; set; }
    /// <summary>The cut-off the weights were fitted at, and the customers (and churners among them) they learnt from.</summary>
    public DateTime FittedAt { get; set; }
    public int TrainingCustomers { get; set; }
    public int TrainingChurned { get; set; }
    /// <summary>The backtest: scores as of <see cref="BacktestCutOff"/> against who really had no activity afterwards.</summary>
    public DateTime BacktestCutOff { get; set; }
    public bool BacktestOutOfSample { get; set; }
    public int BacktestCustomers { get; set; }
    public int BacktestChurned { get; set; }
    public double? Auc { get; set; }
    public double? TopDecileLift { get; set; }
    public int WindowDays { get; set; }
    public DateTime ComputedAt { get; set; }
}
