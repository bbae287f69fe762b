using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Topics;
using Touchpoint.Core.Text.Workspace;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.TextAnalyses;

/// <summary>
/// /text: the workspace's analysed comments and messages, newest first, filtered by topic, sentiment or an
/// emerging theme's phrase. People put topic labels on texts here and train the classifier on them.
/// </summary>
[Authorize(Policy = "feedback.view")]
internal sealed class IndexModel(
    TouchpointDbContext db,
    TopicLabels labels,
    ClassifierTraining training,
    EmergingThemes themes,
    WorkspaceTaxonomy taxonomy) : PageModel
{
    public const int PageSize = 50;
    public const int MaxShownChars = 600;

    public sealed record Row(AnalyzedText Analysis, string Text, List<TextLabel> Topics, List<TextLabel> Others);

    public List<Row> Rows { get; private set; } = [];
    public IReadOnlyList<KeyPhrase> Themes { get; private set; } = [];
    public IReadOnlyList<string> TopicPaths { get; private set; } = [];
    public TextSettings? Settings { get; private set; }
    public bool HasMore { get; private set; }
    public bool CanManage => User.Has(Permission.ManageTopics);

    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sentiment { get; set; }
    [BindProperty(SupportsGet = true)] public string? Phrase { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; }

    public static readonly string[] Sentiments = ["positive", "neutral", "negative"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(0, PageNumber);
        var query = db.AnalyzedTexts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Topic))
        {
            var topic = Topic.Trim();
            var below = topic + TopicMatch.PathSeparator;
            query = query.Where(t => t.Labels.Any(l => l.Kind == TextLabelKind.Topic && (l.Value == topic || l.Value.StartsWith(below))));
        }

        if (Sentiments.Contains(Sentiment))
        {
            query = query.Where(t => t.Scored && t.SentimentLabel == Sentiment);
        }

        if (!string.IsNullOrWhiteSpace(Phrase))
        {
            var ids = await themes.MentioningAsync(Phrase, ct);
            query = query.Where(t => ids.Contains(t.Id));
        }

        var rows = await query.Include(t => t.Labels).Include(t => t.Response).Include(t => t.Message)
            .OrderByDescending(t => t.OccurredAt).ThenByDescending(t => t.Id)
            .Skip(PageNumber * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).Select(t => new Row(
            t,
            Shorten(AnalyzedTextSource.TextOf(t) ?? ""),
            t.Labels.Where(l => l.Kind == TextLabelKind.Topic).OrderBy(l => l.Value, StringComparer.Ordinal).ToList(),
            t.Labels.Where(l => l.Kind is TextLabelKind.Intent or TextLabelKind.Signal).OrderBy(l => l.Kind).ThenBy(l => l.Value, StringComparer.Ordinal).ToList()))
            .ToList();
        Themes = await themes.DiscoverAsync(10, ct);
        TopicPaths = TopicRules.Compile(TaxonomyNode.ToTaxonomy((await taxonomy.LoadAsync(ct)).Topics)).Paths;
        Settings = await db.TextSettings.AsNoTracking().FirstOrDefaultAsync(ct);
    }

    public async Task<IActionResult> OnPostLabelAsync(long id, string? topic, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        if (TopicLabels.Problem(topic) is { } problem)
        {
            TempData["Flash"] = problem;
        }
        else if (await labels.AddAsync(id, topic!, User.UserId(), ct) is null)
        {
            return NotFound();
        }

        return Redirect(Back(id));
    }

    public async Task<IActionResult> OnPostUnlabelAsync(long id, long labelId, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        return await labels.RemoveAsync(id, labelId, ct) == TopicLabels.Removal.NotFound ? NotFound() : Redirect(Back(id));
    }

    public async Task<IActionResult> OnPostTrainAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var outcome = await training.TrainAsync(User.Actor(), ct);
        TempData["Flash"] = outcome.Refusal
            ?? $"Classifier trained on {outcome.Examples} labelled texts ({string.Join(", ", outcome.Topics)}); it named {outcome.Accuracy:P0} of {outcome.HeldOut} held-out texts right. Texts are being re-scored with it.";
        return Redirect(Back(null));
    }

    /// <summary>The list as it was (filters and page), scrolled to the text just labelled.</summary>
    private string Back(long? id)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("topic", Request.Query["topic"]);
        Add("sentiment", Request.Query["sentiment"]);
        Add("phrase", Request.Query["phrase"]);
        Add("page", Request.Query["page"]);
        return "/text" + (query.Count > 0 ? "?" + string.Join('&', query) : "") + (id is { } i ? $"#text-{i}" : "");
    }

    private static string Shorten(string text) => text.Length > MaxShownChars ? text[..MaxShownChars] + "\u2026" : text;

    public string PageUrl(int page) => Back(null) is var url && url.Contains("page=", StringComparison.Ordinal)
        ? System.Text.RegularExpressions.Regex.Replace(url, "page=\\d+", $"page={page}")
        : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"page={page}";
}
