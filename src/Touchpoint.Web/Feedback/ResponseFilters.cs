using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Web.Feedback;

/// <summary>
/// The filters the responses list, the Responses page and the export share: status, channel, touch
/// point and score band. Read once from query text, with a field error for each value that is not one.
/// </summary>
internal sealed record ResponseFilters(ResponseStatus? Status, Channel? Channel, string? Band)
{
    public static ResponseFilters Read(string? status, string? channel, string? band, Dictionary<string, string[]> errors)
    {
        // Partial answers (a respondent still on the way) are not responses yet: only when asked for.
        ResponseStatus? parsedStatus = ResponseStatus.Completed;
        if (string.Equals(status, "any", StringComparison.OrdinalIgnoreCase))
        {
            parsedStatus = null;
        }
        else if (!string.IsNullOrEmpty(status))
        {
            if (ResponseDto.TryParseStatus(status, out var s))
            {
                parsedStatus = s;
            }
            else
            {
                errors["status"] = ["Use 'completed' (the default), 'inProgress' or 'any'."];
            }
        }

        Channel? parsedChannel = null;
        if (!string.IsNullOrEmpty(channel))
        {
            if (Enum.TryParse<Channel>(channel, ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(channel, out _))
            {
                parsedChannel = c;
            }
            else
            {
                errors["channel"] = [$"Use one of: {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant()))}."];
            }
        }

        if (!string.IsNullOrEmpty(band) && !ScoreBand.IsKnown(band))
        {
            errors["band"] = [$"Use one of: {string.Join(", ", ScoreBand.All)}."];
        }

        return new ResponseFilters(parsedStatus, parsedChannel, string.IsNullOrEmpty(band) ? null : band);
    }

    /// <summary>One survey's responses (when given) submitted from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public static IQueryable<Response> InWindow(IQueryable<Response> query, Guid? survey, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (survey is { } surveyId)
        {
            query = query.Where(r => r.SurveyId == surveyId);
        }

        if (from is { } start)
        {
            var utc = start.UtcDateTime;
            query = query.Where(r => r.SubmittedAt >= utc);
        }

        if (to is { } end)
        {
            var utc = end.UtcDateTime;
            query = query.Where(r => r.SubmittedAt < utc);
        }

        return query;
    }

    public IQueryable<Response> Apply(IQueryable<Response> query, Guid? touchPointId)
    {
        if (Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (Channel is { } channel)
        {
            query = query.Where(r => r.Channel == channel);
        }

        if (touchPointId is { } touchPoint)
        {
            query = query.Where(r => r.TouchPointId == touchPoint);
        }

        return Band is { } band ? ScoreBand.Filter(query, band) : query;
    }
}
