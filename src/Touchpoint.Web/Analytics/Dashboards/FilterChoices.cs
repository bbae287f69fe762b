using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// What a filter bar offers, from the workspace's own data: segments, personas, touch points, stages (in
/// journey order), teams, agents and languages that answers name, and reporting traits. Also the names
/// the chips of active filters show.
/// </summary>
internal sealed record FilterChoices(
    IReadOnlyList<FilterChoices.Choice> Segments,
    IReadOnlyList<FilterChoices.Choice> Personas,
    IReadOnlyList<FilterChoices.Choice> TouchPoints,
    IReadOnlyList<FilterChoices.Choice> Stages,
    IReadOnlyList<FilterChoices.Choice> Teams,
    IReadOnlyList<string> Agents,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Traits)
{
    public sealed record Choice(string Key, string Name);

    private const int MaxListed = 200;

    public static IReadOnlyList<string> Sentiments => SentimentLabels.All;

    public static IEnumerable<string> Channels => Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant());

    public static IReadOnlyList<SurveyMetric> Metrics => [SurveyMetric.Nps, SurveyMetric.Csat, SurveyMetric.Ces];

    public static async Task<FilterChoices> LoadAsync(TouchpointDbContext db, CancellationToken ct)
    {
        static Choice C(Guid id, string name) => new(id.ToString("D"), name);
        var segments = (await db.Segments.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => C(s.Id, s.Name));
        var personas = (await db.Personas.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => C(s.Id, s.Name));
        var touchPoints = (await db.TouchPoints.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => C(s.Id, s.Name));
        var stages = (await (from s in db.JourneyStages.AsNoTracking()
                             join j in db.Journeys on s.JourneyId equals j.Id
                             orderby j.IsDefault descending, j.Name, s.Position
                             select new { s.Id, s.Name, Journey = j.Name }).ToListAsync(ct)).Select(s => C(s.Id, s.Name));
        var teams = (await db.Teams.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => C(s.Id, s.Name));
        var agents = await db.Responses.AsNoTracking().Where(r => r.Agent != null).Select(r => r.Agent!).Distinct().OrderBy(a => a).Take(MaxListed).ToListAsync(ct);
        var languages = await db.Responses.AsNoTracking().Where(r => r.Language != null).Select(r => r.Language!).Distinct().OrderBy(a => a).Take(MaxListed).ToListAsync(ct);
        var traits = await db.TraitDefinitions.AsNoTracking().Where(t => t.IsReportingTrait).OrderBy(t => t.Key).Select(t => t.Key).ToListAsync(ct);
        return new FilterChoices([.. segments], [.. personas], [.. touchPoints], [.. stages], [.. teams], agents, languages, traits);
    }

    /// <summary>What a person reads for a filter value (a name for an id; the value itself otherwise).</summary>
    public string Name(string parameter, string value)
    {
        var list = parameter switch
        {
            "segment" => Segments,
            "persona" => Personas,
            "touchpoint" => TouchPoints,
            "stage" => Stages,
            "team" => Teams,
            _ => null,
        };
        return list?.FirstOrDefault(c => c.Key == value)?.Name ?? value;
    }

    public static string Label(string parameter) => parameter switch
    {
        "segment" => "Segment",
        "persona" => "Persona",
        "channel" => "Channel",
        "touchpoint" => "Touch point",
        "stage" => "Stage",
        "agent" => "Agent",
        "team" => "Team",
        "topic" => "Topic",
        "sentiment" => "Sentiment",
        "language" => "Language",
        "trait" => "Trait",
        "traitValue" => "Trait value",
        "metric" => "Metric",
        "from" => "From",
        "to" => "To",
        "survey" => "Survey",
        "band" => "Score",
        _ => parameter,
    };
}
