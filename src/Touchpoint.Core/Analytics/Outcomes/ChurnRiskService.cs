using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>
/// Fits the workspace's churn model and scores every active customer (docs/insights.md, "Churn risk").
/// Label: a customer active up to the cut-off (now - window) who has no activity in the window after it
/// churned. Features are read as of the cut-off, so the model learns what preceded leaving; customers are
/// then scored on their features as of now. Runs in the churn sweep, never on a request.
/// </summary>
public sealed class ChurnRiskService(TouchpointDbContext db, TimeProvider clock)
{
    /// <summary>Below this many customers, or this many churners or stayers, the prior is used as it is.</summary>
    public const int MinimumTraining = 30;
    public const int MinimumPerClass = 5;
    /// <summary>Prior precision (1 / variance) of each weight: a standard deviation of about 0.7 in log-odds.</summary>
    public const double PriorPrecision = 2.0;
    /// <summary>A score at or above this is "high risk": the model thinks leaving likelier than staying.</summary>
    public const int HighRisk = 50;
    public const int MaxReasons = 3;

    public sealed record Fitted(LogisticModel Model, bool PriorOnly, int Customers, int Churned);

    public async Task<ChurnModelFit> RecomputeAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await OutcomesService.SettingsAsync(db, ct);
        var window = TimeSpan.FromDays(settings.ChurnWindowDays);

        var production = await FitAsync(now - window, now, window, settings.PurchaseEvent, ct);
        var current = await ChurnFeatures.AsOfAsync(db, now, window, settings.PurchaseEvent, ct);
        await db.CustomerChurnRisks.ExecuteDeleteAsync(ct);
        foreach (var row in current)
        {
            db.CustomerChurnRisks.Add(new CustomerChurnRisk
            {
                CustomerId = row.CustomerId,
                Score = Score(production.Model, row.X),
                Reasons = JsonSerializer.Serialize(Reasons(production.Model, row.X, settings.ChurnWindowDays), JsonSerializerOptions.Web),
                ComputedAt = now,
            });
        }

        // The backtest scores customers as of now - window and checks who really went quiet. Out of sample when
        // there is history enough to fit the weights a window earlier; otherwise with the production weights.
        var backCut = now - window;
        var earlier = await FitAsync(now - window - window, backCut, window, settings.PurchaseEvent, ct);
        var outOfSample = !earlier.PriorOnly;
        var model = outOfSample ? earlier.Model : production.Model;
        var then = await ChurnFeatures.AsOfAsync(db, backCut, window, settings.PurchaseEvent, ct);
        var activeAfter = await ChurnFeatures.ActiveBetweenAsync(db, backCut, now, ct);
        var scored = then.Select(r => (model.Probability(r.X), !activeAfter.Contains(r.CustomerId))).ToList();

        var fit = await db.ChurnModelFits.FirstOrDefaultAsync(ct);
        if (fit is null)
        {
            fit = new ChurnModelFit();
            db.ChurnModelFits.Add(fit);
        }

        var weights = ChurnFeatures.Names.Select((n, j) => (n, production.Model.Weights[j])).Prepend(("intercept", production.Model.Intercept))
            .ToDictionary(w => w.Item1, w => Math.Round(w.Item2, 4));
        fit.Weights = JsonSerializer.Serialize(weights);
        fit.PriorOnly = production.PriorOnly;
        fit.FittedAt = now - window;
        fit.TrainingCustomers = production.Customers;
        fit.TrainingChurned = production.Churned;
        fit.BacktestCutOff = backCut;
        fit.BacktestOutOfSample = outOfSample;
        fit.BacktestCustomers = scored.Count;
        fit.BacktestChurned = scored.Count(s => s.Item2);
        fit.Auc = Backtest.Auc(scored);
        fit.TopDecileLift = Backtest.TopDecileLift(scored);
        fit.WindowDays = settings.ChurnWindowDays;
        fit.ComputedAt = now;
        await db.SaveChangesAsync(ct);
        return fit;
    }

    /// <summary>Fits on customers active up to <paramref name="cutOff"/>; churned = no activity in (cutOff, labelEnd].</summary>
    public async Task<Fitted> FitAsync(DateTime cutOff, DateTime labelEnd, TimeSpan window, string purchaseEvent, CancellationToken ct)
    {
        var rows = await ChurnFeatures.AsOfAsync(db, cutOff, window, purchaseEvent, ct);
        var activeAfter = await ChurnFeatures.ActiveBetweenAsync(db, cutOff, labelEnd, ct);
        var labels = rows.Select(r => !activeAfter.Contains(r.CustomerId)).ToList();
        var churned = labels.Count(l => l);
        if (rows.Count < MinimumTraining || churned < MinimumPerClass || rows.Count - churned < MinimumPerClass)
        {
            return new Fitted(ChurnFeatures.Prior, true, rows.Count, churned);
        }

        var model = LogisticModel.Fit(rows.Select(r => r.X).ToList(), labels, ChurnFeatures.Prior, PriorPrecision);
        return new Fitted(model, false, rows.Count, churned);
    }

    public static int Score(LogisticModel model, IReadOnlyList<double> x) => (int)Math.Round(100 * model.Probability(x));

    /// <summary>The features that add most to this customer's log-odds (w_j x_j > 0), biggest first.</summary>
    public static List<ChurnReason> Reasons(LogisticModel model, IReadOnlyList<double> x, int windowDays) =>
        ChurnFeatures.Names.Select((name, j) => (name, j, Contribution: model.Weights[j] * x[j]))
            .Where(c => c.Contribution > 0.01)
            .OrderByDescending(c => c.Contribution)
            .Take(MaxReasons)
            .Select(c => new ChurnReason(c.name, ChurnFeatures.Describe(c.name, x[c.j], windowDays), Math.Round(c.Contribution, 3)))
            .ToList();

    public static IReadOnlyList<ChurnReason> ReadReasons(string json) =>
        JsonSerializer.Deserialize<List<ChurnReason>>(json, JsonSerializerOptions.Web) ?? [];
}
