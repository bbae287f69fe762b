using System.Globalization;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Alerts;

namespace Touchpoint.Web.Cases.Alerts;

/// <summary>
/// The rule form's fields (a form that works without JavaScript: one field per kind of condition; a
/// blank field is no condition), turned into conditions and back. Each condition remembers the field
/// it came from, so a validation message lands next to that field.
/// </summary>
internal sealed class AlertRuleForm
{
    public string? Name { get; set; }
    public bool Enabled { get; set; } = true;
    public AlertTrigger Trigger { get; set; } = AlertTrigger.Response;
    public CasePriority Priority { get; set; } = CasePriority.Normal;
    public CaseAssignment Assignment { get; set; } = CaseAssignment.HandlingAgent;
    public Guid? TeamId { get; set; }

    /// <summary>npsDetractor, csatLow or cesDifficult (see <see cref="AlertPresets"/>); fills the score condition.</summary>
    public string? Preset { get; set; }
    public string? ScoreMetric { get; set; }
    public string? ScoreMin { get; set; }
    public string? ScoreMax { get; set; }
    public string? SentimentLabel { get; set; }
    public string? SentimentBelow { get; set; }
    public string? Signal { get; set; }
    public string? Topic { get; set; }
    public Guid? SurveyId { get; set; }
    public string? CsatMax { get; set; }
    public string? WaitMinutes { get; set; }
    public string? EventName { get; set; }
    public string? PropertyPath { get; set; }
    public string? PropertyOp { get; set; }
    public string? PropertyValue { get; set; }
    public Guid? SegmentId { get; set; }
    public string? SegmentAt { get; set; }
    public Guid? PersonaId { get; set; }
    public Guid? TouchPointId { get; set; }
    public string? Channel { get; set; }

    /// <summary>The conditions the filled fields stand for, each with the form field it came from.</summary>
    public List<(AlertCondition Condition, string Field)> Conditions(Dictionary<string, string[]> errors)
    {
        var list = new List<(AlertCondition, string)>();
        decimal? Number(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[field] = ["Write a number."];
            return null;
        }

        if (Preset is { Length: > 0 } preset && AlertPresets.All.TryGetValue(preset, out var presetCondition))
        {
            list.Add((presetCondition, nameof(Preset)));
        }
        else if (!string.IsNullOrWhiteSpace(ScoreMin) || !string.IsNullOrWhiteSpace(ScoreMax))
        {
            list.Add((new AlertCondition
            {
                Kind = AlertConditionKinds.Score,
                Metric = ScoreMetric,
                Min = Number(ScoreMin, nameof(ScoreMin)),
                Max = Number(ScoreMax, nameof(ScoreMax)),
            }, nameof(ScoreMax)));
        }

        if (!string.IsNullOrWhiteSpace(SentimentLabel))
        {
            list.Add((new AlertCondition { Kind = AlertConditionKinds.Sentiment, Label = SentimentLabel }, nameof(SentimentLabel)));
        }

        if (Number(SentimentBelow, nameof(SentimentBelow)) is { } below)
        {
            list.Add((new AlertCondition { Kind = AlertConditionKinds.Sentiment, Below = below }, nameof(SentimentBelow)));
        }

        Add(list, AlertConditionKinds.Signal, Signal, nameof(Signal));
        Add(list, AlertConditionKinds.Topic, Topic?.Trim(), nameof(Topic));
        Add(list, AlertConditionKinds.Survey, SurveyId?.ToString(), nameof(SurveyId));
        if (Number(CsatMax, nameof(CsatMax)) is { } csat)
        {
            list.Add((new AlertCondition { Kind = AlertConditionKinds.Csat, Max = csat }, nameof(CsatMax)));
        }

        if (Number(WaitMinutes, nameof(WaitMinutes)) is { } wait)
        {
            list.Add((new AlertCondition { Kind = AlertConditionKinds.Wait, Minutes = (int)Math.Clamp(wait, int.MinValue, int.MaxValue) },
                nameof(WaitMinutes)));
        }

        Add(list, AlertConditionKinds.Event, EventName?.Trim(), nameof(EventName));
        if (!string.IsNullOrWhiteSpace(PropertyPath) || !string.IsNullOrWhiteSpace(PropertyValue))
        {
            list.Add((new AlertCondition { Kind = AlertConditionKinds.Property, Path = PropertyPath?.Trim(), Op = PropertyOp, Value = PropertyValue?.Trim() },
                nameof(PropertyPath)));
        }

        if (SegmentId is { } segment)
        {
            list.Add((new AlertCondition { Kind = AlertConditionKinds.Segment, Value = segment.ToString(), At = SegmentAt is { Length: > 0 } at ? at : null },
                nameof(SegmentId)));
        }

        Add(list, AlertConditionKinds.Persona, PersonaId?.ToString(), nameof(PersonaId));
        Add(list, AlertConditionKinds.TouchPoint, TouchPointId?.ToString(), nameof(TouchPointId));
        Add(list, AlertConditionKinds.Channel, Channel, nameof(Channel));
        return list;
    }

    private static void Add(List<(AlertCondition, string)> list, string kind, string? value, string field)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            list.Add((new AlertCondition { Kind = kind, Value = value }, field));
        }
    }

    /// <summary>The form showing a stored rule; false when some condition has no field (a second one of a kind, set through the API).</summary>
    public static (AlertRuleForm Form, bool Complete) Of(AlertRule rule)
    {
        var form = new AlertRuleForm
        {
            Name = rule.Name,
            Enabled = rule.Enabled,
            Trigger = rule.Trigger,
            Priority = rule.Priority,
            Assignment = rule.Assignment,
            TeamId = rule.TeamId,
        };
        var complete = true;
        var seen = new HashSet<string>();
        foreach (var c in AlertConditions.Read(rule.Conditions))
        {
            var slot = c.Kind == AlertConditionKinds.Sentiment ? c.Kind + (c.Label is null ? "below" : "label") : c.Kind;
            complete &= seen.Add(slot);
            form.Fill(c);
        }

        return (form, complete);
    }

    private void Fill(AlertCondition c)
    {
        static string? N(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);
        switch (c.Kind)
        {
            case AlertConditionKinds.Score:
                Preset = AlertPresets.All.FirstOrDefault(p => p.Value == c).Key;
                (ScoreMetric, ScoreMin, ScoreMax) = Preset is null ? (c.Metric, N(c.Min), N(c.Max)) : (null, null, null);
                break;
            case AlertConditionKinds.Sentiment when c.Label is not null:
                SentimentLabel = c.Label;
                break;
            case AlertConditionKinds.Sentiment:
                SentimentBelow = N(c.Below);
                break;
            case AlertConditionKinds.Signal:
                Signal = c.Value;
                break;
            case AlertConditionKinds.Topic:
                Topic = c.Value;
                break;
            case AlertConditionKinds.Survey:
                SurveyId = Guid.TryParse(c.Value, out var survey) ? survey : null;
                break;
            case AlertConditionKinds.Csat:
                CsatMax = N(c.Max);
                break;
            case AlertConditionKinds.Wait:
                WaitMinutes = c.Minutes?.ToString(CultureInfo.InvariantCulture);
                break;
            case AlertConditionKinds.Event:
                EventName = c.Value;
                break;
            case AlertConditionKinds.Property:
                (PropertyPath, PropertyOp, PropertyValue) = (c.Path, c.Op, c.Value);
                break;
            case AlertConditionKinds.Segment:
                SegmentId = Guid.TryParse(c.Value, out var segment) ? segment : null;
                SegmentAt = c.At;
                break;
            case AlertConditionKinds.Persona:
                PersonaId = Guid.TryParse(c.Value, out var persona) ? persona : null;
                break;
            case AlertConditionKinds.TouchPoint:
                TouchPointId = Guid.TryParse(c.Value, out var touchPoint) ? touchPoint : null;
                break;
            case AlertConditionKinds.Channel:
                Channel = c.Value;
                break;
        }
    }
}
