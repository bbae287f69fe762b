using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Surveys;

/// <summary>
/// Surveys with their parsed definitions, remembered for a few seconds per node: every answer sent to
/// the REST API needs both, and reading and parsing them per answer was a large share of its cost.
/// Any save that changes or deletes a survey forgets it on this node at once
/// (<see cref="NodeCacheEviction"/>); other nodes take up a new version within <see cref="Lifetime"/>.
/// An answer validated against the version before is stored with that version's number, so it stays
/// consistent with the definition it was checked against.
/// The returned survey is shared: read it, never change it.
/// </summary>
public sealed class LiveSurveys(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public sealed record Entry(Survey Survey, SurveyDefinition Definition);

    private readonly ShortLivedCache<(Guid Workspace, Guid Survey), Entry> _cache = new(clock, Lifetime);

    /// <summary>The survey in the context's workspace, or null when it has none with this id.</summary>
    public async Task<Entry?> FindAsync(TouchpointDbContext db, Guid surveyId, CancellationToken ct)
    {
        var key = (db.CurrentWorkspaceId, surveyId);
        if (_cache.TryGet(key, out var entry))
        {
            return entry;
        }

        var stamp = _cache.Stamp;
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null)
        {
            return null;
        }

        entry = new Entry(survey, survey.ReadDefinition());
        _cache.Remember(key, entry, stamp);
        return entry;
    }

    public void Forget(Guid surveyId) => _cache.ForgetWhere(key => key.Survey == surveyId);
}
