using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>
/// Trains the current workspace's classifier on the topic labels people put on its texts. Topics with
/// fewer than <see cref="MinimumTexts"/> labelled texts are left out; training needs at least
/// <see cref="MinimumTopics"/> topics left. Every fifth text of each topic is held out to measure
/// accuracy; the stored model is then trained on all of them. Saving the model raises the taxonomy
/// version, so the re-scorer adds the classifier's intents to every text.
/// </summary>
public sealed class ClassifierTraining(TouchpointDbContext db, WorkspaceScope scope, AuditLog audit, WorkspaceTaxonomy taxonomy, TimeProvider clock)
{
    public const int MinimumTopics = 2;
    public const int MinimumTexts = 5;

    public sealed record Outcome(string? Refusal, int Examples, IReadOnlyList<string> Topics, double Accuracy, int HeldOut, DateTime TrainedAt);

    public async Task<Outcome> TrainAsync(string actor, CancellationToken ct)
    {
        var labels = await db.TextLabels.AsNoTracking().Where(l => l.Kind == TextLabelKind.Topic && l.Origin == LabelOrigin.Person)
            .Select(l => new { l.AnalyzedTextId, l.Value }).ToListAsync(ct);
        var byTopic = labels.GroupBy(l => l.Value, StringComparer.Ordinal)
            .Select(g => (Topic: g.Key, Texts: g.Select(l => l.AnalyzedTextId).Distinct().Order().ToList()))
            .OrderBy(t => t.Topic, StringComparer.Ordinal).ToList();
        var usable = byTopic.Where(t => t.Texts.Count >= MinimumTexts).ToList();
        if (usable.Count < MinimumTopics)
        {
            var counts = byTopic.Count == 0 ? "no text is labelled yet" : string.Join(", ", byTopic.Select(t => $"{t.Topic}: {t.Texts.Count}"));
            return new Outcome(
                $"Training needs at least {MinimumTopics} topics with at least {MinimumTexts} labelled texts each ({counts}). Label more comments on the Text page.",
                0, [], 0, 0, default);
        }

        var ids = usable.SelectMany(t => t.Texts).Distinct().ToList();
        var texts = (await db.AnalyzedTexts.AsNoTracking().Include(t => t.Response).Include(t => t.Message)
                .Where(t => ids.Contains(t.Id)).ToListAsync(ct))
            .ToDictionary(t => t.Id, t => AnalyzedTextSource.TextOf(t) ?? "");
        var train = new List<(string Text, string Label)>();
        var heldOut = new List<(long Id, string Text)>();
        foreach (var (topic, textIds) in usable)
        {
            for (var i = 0; i < textIds.Count; i++)
            {
                var text = texts.GetValueOrDefault(textIds[i], "");
                if (i % 5 == 4)
                {
                    heldOut.Add((textIds[i], text));
                }
                else
                {
                    train.Add((text, topic));
                }
            }
        }

        // A text people put several labels on is right when the model names any of them.
        var truth = labels.GroupBy(l => l.AnalyzedTextId).ToDictionary(g => g.Key, g => g.Select(l => l.Value).ToHashSet(StringComparer.Ordinal));
        var all = usable.SelectMany(t => t.Texts.Select(id => (Text: texts.GetValueOrDefault(id, ""), Label: t.Topic))).ToList();
        var (accuracy, model) = await Task.Run(() =>
        {
            // CPU-bound: off the request thread, on the thread pool.
            var check = IntentClassifier.Train(train);
            var right = heldOut.Count(h => truth[h.Id].Contains(check.Predict(h.Text).Label));
            return ((double)right / heldOut.Count, IntentClassifier.Train(all));
        }, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await WorkspaceTaxonomy.SettingsForUpdateAsync(db, scope.WorkspaceId, ct);
        settings.ClassifierModel = model.ToBytes();
        settings.ClassifierTrainedAt = now;
        settings.ClassifierExamples = all.Count;
        settings.ClassifierAccuracy = Math.Round(accuracy, 4);
        settings.TaxonomyVersion++;
        audit.Record(actor, "text.classifier_trained", "classifier",
            $"{all.Count} examples, {usable.Count} topics, held-out accuracy {accuracy:P0}, version {settings.TaxonomyVersion}");
        await db.SaveChangesAsync(ct);
        taxonomy.Changed();
        return new Outcome(null, all.Count, usable.Select(t => t.Topic).ToList(), accuracy, heldOut.Count, now);
    }
}
