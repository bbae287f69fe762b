using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Web.Analytics.Dashboards;
using Touchpoint.Web.Feedback;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Pages.Responses;

/// <summary>
/// Every answer, newest first, filtered by survey, local dates of the workspace, score band, channel,
/// touch point, segment (as the customer was when answering: the response's snapshot), status, and what the
/// analyser found in the comments (sentiment, emotion, signal, topic), whose sentiment each row shows.
/// New answers arrive live (Server-Sent Events) on the first page; without JavaScript a reload shows them.
/// </summary>
[Authorize(Policy = "feedback.view")]
internal sealed class ResponsesIndexModel(TouchpointDbContext db, CurrentWorkspace current) : PageModel
{
    private const int PageSize = 50;

    public sealed record Choice(Guid Id, string Name);

    public List<Choice> Surveys { get; private set; } = [];
    public List<Choice> TouchPoints { get; private set; } = [];
    public List<Choice> Segments { get; private set; } = [];
    public Dictionary<Guid, string> SurveyNames { get; private set; } = [];
    public List<Response> Rows { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public Guid? SurveyId { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }
    public string? Band { get; private set; }
    public string? Channel { get; private set; }
    public Guid? TouchPointId { get; private set; }
    public Guid? SegmentId { get; private set; }
    public string? Status { get; private set; }
    public string? Sentiment { get; private set; }
    public string? Emotion { get; private set; }
    public string? Signal { get; private set; }
    public string? Topic { get; private set; }

    /// <summary>The dashboards' drill-down filters: a metric and what only metrics filter on (snapshot persona, stage, agent, team, language, custom field).</summary>
    public MeasureFilters Measure { get; private set; } = MeasureFilters.None;

    /// <summary>How many responses match in all (set when a metric is given: the drill-down's n).</summary>
    public int? Total { get; private set; }

    /// <summary>The active filters as removable chips: a label, the value's name, and this page without it.</summary>
    public List<(string Label, string Value, string Href)> Chips { get; } = [];

    /// <summary>Per response on the page, the sentiment of its first analysed answer.</summary>
    public Dictionary<long, SentimentDto> Sentiments { get; private set; } = [];
    public string? Cursor { get; private set; }
    public string? NextCursor { get; private set; }

    /// <summary>Filters other than the survey: the live feed cannot apply them, so it offers a reload instead.</summary>
    public bool NarrowlyFiltered => From is not null || To is not null || Band is not null || Channel is not null
        || TouchPointId is not null || SegmentId is not null || Status is not null
        || Sentiment is not null || Emotion is not null || Signal is not null || Topic is not null || !Measure.IsEmpty;

    public string FilterQuery(string? cursor = null)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                parts.Add($"{name}={Uri.EscapeDataString(text)}");
            }
        }

        Add("survey", SurveyId);
        Add("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("band", Band);
        Add("channel", Channel);
        Add("touchpoint", TouchPointId);
        Add("segment", SegmentId);
        Add("status", Status);
        Add("sentiment", Sentiment);
        Add("emotion", Emotion);
        Add("signal", Signal);
        Add("topic", Topic);
        foreach (var (name, value) in Measure.Parameters())
        {
            Add(name, value);
        }

        Add("cursor", cursor);
        return string.Join("&", parts);
    }

    /// <summary>The export link for these filters; dates become instants at the workspace's local midnight.</summary>
    public string ExportUrl(string format) => $"/responses/export?format={format}&{ExportQuery}";

    private string ExportQuery { get; set; } = "";

    public async Task OnGetAsync(Guid? survey, DateOnly? from, DateOnly? to, string? band, string? channel, Guid? touchpoint,
        Guid? segment, string? status, string? sentiment, string? emotion, string? signal, string? topic, string? cursor, CancellationToken ct,
        string? metric = null, Guid? persona = null, Guid? stage = null, string? agent = null, Guid? team = null, string? language = null,
        string? trait = null, string? traitValue = null)
    {
        (Sentiment, Emotion, Signal, Topic) = (Empty(sentiment), Empty(emotion), Empty(signal), Empty(topic));
        (SurveyId, From, To, TouchPointId, SegmentId, Cursor) = (survey, from, to, touchpoint, segment, cursor);
        (Band, Channel, Status) = (Empty(band), Empty(channel), Empty(status));
        Surveys = await db.Surveys.AsNoTracking().OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);
        SurveyNames = Surveys.ToDictionary(s => s.Id, s => s.Name);
        TouchPoints = await db.TouchPoints.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        Segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);

        var errors = new Dictionary<string, string[]>();
        var filters = ResponseFilters.Read(Status, Channel, Band, errors);
        var text = TextFilterQuery.Read(Sentiment, Emotion, Signal, Topic, null, errors);
        Measure = MeasureFilters.Read(metric, persona, stage, agent, team, language, trait, traitValue, errors);
        Errors.AddRange(errors.Values.SelectMany(m => m));
        var workspace = await current.GetAsync(ct);
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var query = text.Apply(filters.Apply(db.Responses.AsNoTracking(), touchpoint), db);
        if (!Measure.IsEmpty)
        {
            // The drill-down from a dashboard number: exactly the answers MetricAnswers counts for it (the same
            // definition as the score's n), so segment means what it means there.
            var range = (from is { } f ? calendar.StartOfDayUtc(f) : MeasureFilters.Earliest, to is { } t ? calendar.StartOfDayUtc(t.AddDays(1)) : MeasureFilters.Latest);
            query = Measure.Apply(db, range, survey, touchpoint, filters.Channel, segment, text);
            query = filters.Band is { } chosenBand ? ScoreBand.Filter(query, chosenBand) : query;
            segment = null;
        }

        // The export reads the same filters the same way, so the download holds exactly the answers listed here.
        var exportSegment = SegmentId;

        var export = new List<string>();
        if (survey is { } id)
        {
            query = query.Where(r => r.SurveyId == id);
            export.Add($"survey={id}");
        }

        if (from is { } start)
        {
            var utc = calendar.StartOfDayUtc(start);
            query = query.Where(r => r.SubmittedAt >= utc);
            export.Add($"from={Uri.EscapeDataString(utc.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}");
        }

        if (to is { } end)
        {
            var utc = calendar.StartOfDayUtc(end.AddDays(1));
            query = query.Where(r => r.SubmittedAt < utc);
            export.Add($"to={Uri.EscapeDataString(utc.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}");
        }

        if (segment is { } segmentId)
        {
            // As the customer was when they answered: the snapshot names the segments they were in.
            var needle = segmentId.ToString("D");
            query = query.Where(r => r.Snapshot != null && r.Snapshot.Contains(needle));
        }

        if (errors.Count == 0)
        {
            var more = new Dictionary<string, string?>
            {
                ["band"] = Band,
                ["channel"] = Channel,
                ["status"] = Status,
                ["touchpoint"] = touchpoint?.ToString(),
                ["segment"] = exportSegment?.ToString(),
                ["sentiment"] = Sentiment,
                ["emotion"] = Emotion,
                ["signal"] = Signal,
                ["topic"] = Topic,
            };
            export.AddRange(more.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
            export.AddRange(Measure.Parameters().Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        }

        ExportQuery = string.Join("&", export);
        if (errors.Count > 0)
        {
            return;
        }

        if (Measure.Metric is not null)
        {
            Total = await query.CountAsync(ct);
        }

        if (TimeCursor.TryDecode(cursor, out var after) && after is { } last)
        {
            query = query.Where(r => r.SubmittedAt < last.At || (r.SubmittedAt == last.At && r.Id < last.Id));
        }

        Rows = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(PageSize + 1).ToListAsync(ct);
        if (Rows.Count > PageSize)
        {
            Rows.RemoveAt(PageSize);
            NextCursor = new TimeCursor(Rows[^1].SubmittedAt, Rows[^1].Id).Encode();
        }

        await AddChipsAsync(ct);
        var analyses = await StoredAnalyses.ForResponsesAsync(db, Rows.Select(r => r.Id).ToList(), ct);
        Sentiments = analyses.Where(a => a.Value.Any(t => t.Scored))
            .ToDictionary(a => a.Key, a => TextAnalysisDto.From(a.Value.First(t => t.Scored)).Sentiment);
    }

    /// <summary>One chip per active filter, named as people know it, linking to this page without that filter.</summary>
    private async Task AddChipsAsync(CancellationToken ct)
    {
        var names = await FilterChoices.LoadAsync(db, ct);
        var current = new List<(string Name, string? Value)>
        {
            ("survey", SurveyId?.ToString()),
            ("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("band", Band), ("channel", Channel), ("touchpoint", TouchPointId?.ToString("D")), ("segment", SegmentId?.ToString("D")),
            ("status", Status), ("sentiment", Sentiment), ("emotion", Emotion), ("signal", Signal), ("topic", Topic),
        };
        current.AddRange(Measure.Parameters());
        var active = current.Where(p => p.Value is not null).ToList();
        foreach (var (name, value) in active.Where(p => p.Name != "traitValue"))
        {
            var shown = name switch
            {
                "survey" => SurveyNames.GetValueOrDefault(SurveyId!.Value, value!),
                "metric" => value!.ToUpperInvariant(),
                "trait" => $"{value} = {Measure.Trait?.Value}",
                _ => names.Name(name, value!),
            };
            var rest = active.Where(p => p.Name != name && !(name == "trait" && p.Name == "traitValue"))
                .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}");
            Chips.Add((FilterChoices.Label(name), shown, "/responses?" + string.Join("&", rest)));
        }
    }

    public static IReadOnlyList<string> SentimentNames => SentimentLabels.All;

    public static IReadOnlyList<string> EmotionNames => Core.Text.Emotions.EmotionNames.All;

    public static IReadOnlyList<string> SignalNames => Core.Text.Signals.SignalKinds.All;

    public static IEnumerable<string> ChannelNames => Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant());

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
