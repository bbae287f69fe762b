using System.Globalization;
using System.Text.RegularExpressions;
using Touchpoint.Core.Conversations;

namespace Touchpoint.Web.Conversations;

/// <summary>The editable settings of an inbox, as the API and the settings page send them, with their checks.</summary>
internal sealed partial record InboxSettings(string? Name, string? Kind, string? Greeting, string? OfflineMessage, string? Color, bool? PreChatForm,
    string? Assignment, BusinessHoursInput? BusinessHours, bool? CsatEnabled, Guid? FollowUpSurveyId, string? EmailAddress, List<Guid>? Agents)
{
    /// <summary>Checks every field; fills <paramref name="inbox"/> with what is valid.</summary>
    public Dictionary<string, string[]> ApplyTo(Inbox inbox)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            errors["name"] = ["Give the inbox a name of 1 to 200 characters."];
        }
        else
        {
            inbox.Name = Name.Trim();
        }

        inbox.Kind = EnumField.Read<InboxKind>(Kind, "kind", errors) ?? inbox.Kind;
        inbox.Assignment = EnumField.Read<AssignmentMode>(Assignment, "assignment", errors) ?? inbox.Assignment;
        if (Greeting?.Length > 1000)
        {
            errors["greeting"] = ["Keep the greeting to 1,000 characters."];
        }

        if (OfflineMessage?.Length > 1000)
        {
            errors["offlineMessage"] = ["Keep the offline message to 1,000 characters."];
        }

        inbox.Greeting = Greeting;
        inbox.OfflineMessage = OfflineMessage;
        if (Color is not null && !ColorPattern().IsMatch(Color))
        {
            errors["color"] = ["Use a colour as #rrggbb, e.g. #1f6feb."];
        }

        inbox.Color = Color ?? inbox.Color;
        inbox.PreChatForm = PreChatForm ?? inbox.PreChatForm;
        inbox.CsatEnabled = CsatEnabled ?? inbox.CsatEnabled;
        if (EmailAddress is not null && (EmailAddress.Length > 320 || !EmailPattern().IsMatch(EmailAddress)))
        {
            errors["emailAddress"] = ["Use an email address such as support@example.com."];
        }

        inbox.EmailAddress = string.IsNullOrWhiteSpace(EmailAddress) ? null : EmailAddress;
        inbox.FollowUpSurveyId = FollowUpSurveyId;
        if (BusinessHours is null)
        {
            inbox.BusinessHours = null;
        }
        else if (BusinessHours.ToModel(errors) is { } hours)
        {
            inbox.BusinessHours = hours.ToJson();
        }

        return errors;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}

/// <summary>Business hours as sent: <c>{"timeZone": "Europe/Berlin", "days": {"monday": [{"from": "09:00", "to": "17:00"}]}, "holidays": ["2026-12-25"]}</c>.</summary>
internal sealed record BusinessHoursInput(string? TimeZone, Dictionary<string, List<SlotInput>>? Days, List<string>? Holidays)
{
    public BusinessHours? ToModel(Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            errors["businessHours.timeZone"] = [$"'{TimeZone}' is not a time zone id; use an IANA id such as Europe/Berlin or America/New_York."];
        }

        var days = new Dictionary<DayOfWeek, List<OpeningSlot>>();
        foreach (var (name, slots) in Days ?? [])
        {
            if (!Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || name.Any(char.IsDigit))
            {
                errors[$"businessHours.days.{name}"] = ["Use a weekday name: monday ... sunday."];
                continue;
            }

            var parsed = new List<OpeningSlot>();
            for (var i = 0; i < slots.Count; i++)
            {
                var field = $"businessHours.days.{name}[{i}]";
                if (!TimeOnly.TryParseExact(slots[i].From, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
                {
                    errors[field + ".from"] = ["Use a time as HH:mm, e.g. 09:00."];
                    continue;
                }

                var to = TimeOnly.MinValue;
                if (slots[i].To != "24:00" && !TimeOnly.TryParseExact(slots[i].To, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out to))
                {
                    errors[field + ".to"] = ["Use a time as HH:mm, e.g. 17:00, or 24:00 for midnight."];
                    continue;
                }

                if (to != TimeOnly.MinValue && to <= from)
                {
                    errors[field + ".to"] = ["A slot must end after it starts (use 24:00 to end at midnight)."];
                    continue;
                }

                parsed.Add(new OpeningSlot(from, to));
            }

            days[day] = parsed;
        }

        var holidays = new List<DateOnly>();
        for (var i = 0; i < (Holidays?.Count ?? 0); i++)
        {
            if (DateOnly.TryParseExact(Holidays![i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                errors[$"businessHours.holidays[{i}]"] = ["Use an ISO date such as 2026-12-25."];
            }
        }

        return errors.Count > before ? null : new BusinessHours(TimeZone!, days, holidays);
    }

    public static BusinessHoursInput? From(BusinessHours? hours) => hours is null ? null : new BusinessHoursInput(hours.TimeZone,
        hours.Days.ToDictionary(d => d.Key.ToString().ToLowerInvariant(), d => d.Value.Select(s => new SlotInput(s.From.ToString("HH:mm", CultureInfo.InvariantCulture),
            s.To == TimeOnly.MinValue ? "24:00" : s.To.ToString("HH:mm", CultureInfo.InvariantCulture))).ToList()),
        hours.Holidays.Select(h => h.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList());
}

internal sealed record SlotInput(string? From, string? To);
