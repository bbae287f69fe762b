using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Touchpoint.Core.Surveys.Definition;

/// <summary>
/// Checks a survey definition before it is saved and returns every problem keyed by the JSON path a
/// person can find in the builder or in their JSON (<c>pages[1].questions[0].choices</c>,
/// <c>languages</c>, <c>theme.primaryColor</c>). Texts written as plain strings (key <c>"*"</c>) are
/// moved to the default language here, so a saved definition never holds <c>"*"</c>.
/// </summary>
public static partial class DefinitionValidator
{
    public const int MaxTitleLength = 500;
    public const int MaxDescriptionLength = 2000;
    public const int MaxPages = 50;
    public const int MaxQuestions = 200;
    public const int MinChoices = 2;
    public const int MaxChoices = 50;
    public const int MaxChoiceValueLength = 100;
    public const int MaxLogoUrlLength = 2000;

    private static readonly ConditionOperator[] Always = [ConditionOperator.Answered, ConditionOperator.NotAnswered];
    private static readonly ConditionOperator[] Comparisons =
        [ConditionOperator.Eq, ConditionOperator.Neq, ConditionOperator.Lt, ConditionOperator.Lte, ConditionOperator.Gt, ConditionOperator.Gte];

    /// <summary>Field errors by JSON path; empty when the definition can be saved. Replaces <c>"*"</c> text keys by the default language.</summary>
    public static Dictionary<string, string[]> Validate(SurveyDefinition definition)
    {
        var check = new Checker(definition);
        check.Run();
        return check.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>The operators a condition on a question of <paramref name="type"/> may use.</summary>
    public static IReadOnlyList<ConditionOperator> OperatorsFor(QuestionType type) => type switch
    {
        QuestionType.Nps or QuestionType.Csat or QuestionType.Ces or QuestionType.Rating => [.. Comparisons, ConditionOperator.In, .. Always],
        QuestionType.Single => [ConditionOperator.Eq, ConditionOperator.Neq, ConditionOperator.In, .. Always],
        QuestionType.Multiple => [ConditionOperator.Contains, ConditionOperator.In, .. Always],
        QuestionType.Text => [ConditionOperator.Eq, ConditionOperator.Neq, ConditionOperator.Contains, .. Always],
        QuestionType.Hidden => [.. Comparisons, ConditionOperator.In, ConditionOperator.Contains, .. Always],
        _ => Always,
    };

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static bool IsValidLanguage(string? tag) => tag is not null && LanguagePattern().IsMatch(tag);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")]
    private static partial Regex ColorPattern();

    private sealed class Checker(SurveyDefinition definition)
    {
        public Dictionary<string, List<string>> Errors { get; } = [];

        private string Default => definition.DefaultLanguage;

        private void Add(string path, string message)
        {
            if (!Errors.TryGetValue(path, out var messages))
            {
                Errors[path] = messages = [];
            }

            messages.Add(message);
        }

        public void Run()
        {
            Languages();
            Pages();
            Theme();
            Text("thankYou", definition.ThankYou, required: false, MaxDescriptionLength);
        }

        private void Languages()
        {
            if (!IsValidLanguage(definition.DefaultLanguage))
            {
                Add("defaultLanguage", "Use a language tag such as \"en\" or \"pt-BR\".");
            }

            definition.Languages ??= [];
            if (definition.Languages.Count == 0)
            {
                Add("languages", "List at least one language, the default first.");
                return;
            }

            for (var i = 0; i < definition.Languages.Count; i++)
            {
                if (!IsValidLanguage(definition.Languages[i]))
                {
                    Add($"languages[{i}]", $"\"{definition.Languages[i]}\" is not a language tag; use one such as \"en\" or \"pt-BR\".");
                }
            }

            if (definition.Languages.Distinct(StringComparer.OrdinalIgnoreCase).Count() != definition.Languages.Count)
            {
                Add("languages", "List each language once.");
            }

            if (!string.Equals(definition.Languages[0], definition.DefaultLanguage, StringComparison.OrdinalIgnoreCase))
            {
                Add("languages", $"List the default language \"{definition.DefaultLanguage}\" first.");
            }
        }

        private void Pages()
        {
            definition.Pages ??= [];
            if (definition.Pages.Count == 0)
            {
                Add("pages", "Add at least one page with a question.");
                return;
            }

            if (definition.Pages.Count > MaxPages)
            {
                Add("pages", $"Use at most {MaxPages} pages.");
            }

            var questionCount = definition.Pages.Sum(p => p.Questions?.Count ?? 0);
            if (questionCount > MaxQuestions)
            {
                Add("pages", $"Use at most {MaxQuestions} questions.");
            }

            if (!definition.Pages.Any(p => p.Questions?.Any(q => q.IsMetric) == true))
            {
                Add("pages", "Add an NPS, CSAT or CES question: the first one is the survey's headline score.");
            }

            var pageIds = new HashSet<string>(StringComparer.Ordinal);
            var questionIds = new HashSet<string>(StringComparer.Ordinal);
            for (var p = 0; p < definition.Pages.Count; p++)
            {
                var page = definition.Pages[p];
                var path = $"pages[{p}]";
                if (!IsValidId(page.Id))
                {
                    Add($"{path}.id", "Start with a letter; then letters, digits, - or _ (at most 64).");
                }
                else if (page.Id == BranchRule.End)
                {
                    Add($"{path}.id", "\"end\" is reserved for finishing the survey; choose another page id.");
                }
                else if (!pageIds.Add(page.Id))
                {
                    Add($"{path}.id", $"Another page already has the id \"{page.Id}\".");
                }

                Text($"{path}.title", page.Title, required: false, MaxTitleLength);
                page.Questions ??= [];
                if (page.Questions.Count == 0)
                {
                    Add($"{path}.questions", "Add a question to this page or remove the page.");
                }

                for (var q = 0; q < page.Questions.Count; q++)
                {
                    var question = page.Questions[q];
                    var questionPath = $"{path}.questions[{q}]";
                    if (!IsValidId(question.Id))
                    {
                        Add($"{questionPath}.id", "Start with a letter; then letters, digits, - or _ (at most 64).");
                    }
                    else if (!questionIds.Add(question.Id))
                    {
                        Add($"{questionPath}.id", $"Another question already has the id \"{question.Id}\".");
                    }

                    Question(questionPath, question);
                }
            }

            for (var p = 0; p < definition.Pages.Count; p++)
            {
                Logic(p);
            }
        }

        private void Question(string path, Question question)
        {
            Text($"{path}.title", question.Title, required: question.Type != QuestionType.Hidden, MaxTitleLength);
            Text($"{path}.description", question.Description, required: false, MaxDescriptionLength);
            Text($"{path}.minLabel", question.MinLabel, required: false, MaxTitleLength);
            Text($"{path}.maxLabel", question.MaxLabel, required: false, MaxTitleLength);

            var hasChoices = question.Type is QuestionType.Single or QuestionType.Multiple or QuestionType.Ranking or QuestionType.Matrix;
            if (hasChoices)
            {
                Choices($"{path}.choices", question.Choices, "choices");
            }
            else if (question.Choices is { Count: > 0 })
            {
                Add($"{path}.choices", "Only single, multiple, ranking and matrix questions have choices; remove them.");
            }

            if (question.Type == QuestionType.Matrix)
            {
                Choices($"{path}.rows", question.Rows, "rows", min: 1);
            }
            else if (question.Rows is { Count: > 0 })
            {
                Add($"{path}.rows", "Only matrix questions have rows; remove them.");
            }

            if (question.Type == QuestionType.Rating)
            {
                if (question.ScaleMax is { } max && (max < 3 || max > 10))
                {
                    Add($"{path}.scaleMax", "Use a scale from 3 to 10 points.");
                }
            }
            else if (question.ScaleMax is not null)
            {
                Add($"{path}.scaleMax", "Only rating questions have a scale to set; NPS, CSAT and CES scales are fixed.");
            }

            if (question.Type == QuestionType.Hidden)
            {
                if (question.Required)
                {
                    Add($"{path}.required", "A hidden field is never shown, so it cannot be required.");
                }

                if (question.DisplayIf is not null)
                {
                    Add($"{path}.displayIf", "A hidden field is never shown; remove its display condition.");
                }
            }
        }

        private void Choices(string path, List<Choice>? choices, string what, int min = MinChoices)
        {
            if (choices is null || choices.Count < min)
            {
                Add(path, min == 1 ? $"Add at least one of the {what}." : $"Add at least {min} {what}.");
                return;
            }

            if (choices.Count > MaxChoices)
            {
                Add(path, $"Use at most {MaxChoices} {what}.");
            }

            var values = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < choices.Count; i++)
            {
                var value = choices[i].Value;
                if (string.IsNullOrWhiteSpace(value) || value.Length > MaxChoiceValueLength)
                {
                    Add($"{path}[{i}].value", $"Give each of the {what} a value of 1 to {MaxChoiceValueLength} characters.");
                }
                else if (!values.Add(value))
                {
                    Add(path, $"The value \"{value}\" is used twice; values must be unique.");
                }

                choices[i].Text ??= [];
                if (choices[i].Text.Count == 0 && !string.IsNullOrWhiteSpace(value))
                {
                    // A choice without a text shows its value.
                    choices[i].Text[Default] = value;
                }

                Text($"{path}[{i}].text", choices[i].Text, required: true, MaxTitleLength);
            }
        }

        /// <summary>Display conditions of the page's questions, and the page's branch rules.</summary>
        private void Logic(int pageIndex)
        {
            var page = definition.Pages[pageIndex];
            var earlier = definition.Pages.Take(pageIndex).SelectMany(p => p.Questions ?? []).ToList();
            var thisPage = page.Questions ?? [];
            for (var q = 0; q < thisPage.Count; q++)
            {
                if (thisPage[q].DisplayIf is { } condition)
                {
                    var visible = earlier.Concat(thisPage.Where((_, i) => i != q)).ToList();
                    Condition($"pages[{pageIndex}].questions[{q}].displayIf", condition, visible,
                        "a question on this page or an earlier one (not the question itself)");
                }
            }

            page.Branches ??= [];
            var upToHere = earlier.Concat(thisPage).ToList();
            for (var b = 0; b < page.Branches.Count; b++)
            {
                var rule = page.Branches[b];
                var path = $"pages[{pageIndex}].branches[{b}]";
                Condition($"{path}.if", rule.If, upToHere, "a question on this page or an earlier one");
                var target = definition.Pages.FindIndex(p => p.Id == rule.GoTo);
                if (rule.GoTo != BranchRule.End && target <= pageIndex)
                {
                    Add($"{path}.goTo", target < 0
                        ? $"Go to a later page's id or \"end\"; no page has the id \"{rule.GoTo}\"."
                        : "Go to a later page or \"end\": going back would loop.");
                }
            }
        }

        private void Condition(string path, Condition? condition, List<Question> allowed, string allowedText)
        {
            if (condition is null)
            {
                Add(path, "Give the condition a question and an operator, or a group (all, any, not).");
                return;
            }

            var kinds = (condition.Question is not null || condition.Op is not null ? 1 : 0) + (condition.All is not null ? 1 : 0)
                + (condition.Any is not null ? 1 : 0) + (condition.Not is not null ? 1 : 0);
            if (kinds != 1)
            {
                Add(path, "A condition is either a comparison (question, op, value) or one group: all, any or not.");
                return;
            }

            if (condition.All is not null || condition.Any is not null)
            {
                var (key, items) = condition.All is not null ? ("all", condition.All) : ("any", condition.Any!);
                if (items.Count == 0)
                {
                    Add($"{path}.{key}", "Add at least one condition to the group.");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Condition($"{path}.{key}[{i}]", items[i], allowed, allowedText);
                }

                return;
            }

            if (condition.Not is { } not)
            {
                Condition($"{path}.not", not, allowed, allowedText);
                return;
            }

            var question = allowed.FirstOrDefault(q => q.Id == condition.Question);
            if (question is null)
            {
                Add($"{path}.question", $"Refer to {allowedText}; \"{condition.Question}\" is not one.");
                return;
            }

            if (condition.Op is not { } op)
            {
                Add($"{path}.op", "Choose an operator.");
                return;
            }

            var allowedOps = OperatorsFor(question.Type);
            if (!allowedOps.Contains(op))
            {
                Add($"{path}.op", $"A {Lower(question.Type)} question can be compared with: {string.Join(", ", allowedOps.Select(Lower))}.");
                return;
            }

            Value($"{path}.value", op, condition.Value, question);
        }

        private void Value(string path, ConditionOperator op, JsonNode? value, Question question)
        {
            if (op is ConditionOperator.Answered or ConditionOperator.NotAnswered)
            {
                return;
            }

            if (op == ConditionOperator.In)
            {
                if (value is not JsonArray { Count: > 0 } array)
                {
                    Add(path, "\"in\" needs an array of values, such as [9, 10] or [\"red\", \"blue\"].");
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Scalar($"{path}[{i}]", array[i], question);
                }

                return;
            }

            Scalar(path, value, question);
        }

        private void Scalar(string path, JsonNode? value, Question question)
        {
            if (value is not JsonValue scalar)
            {
                Add(path, "Give a value to compare with.");
                return;
            }

            if (question.Scale is { } scale)
            {
                if (!scalar.TryGetValue<double>(out var number))
                {
                    Add(path, $"Compare a {Lower(question.Type)} answer with a number from {scale.Min} to {scale.Max}.");
                }
                else if (number < scale.Min || number > scale.Max)
                {
                    Add(path, $"Use a number from {scale.Min} to {scale.Max}.");
                }

                return;
            }

            if (!scalar.TryGetValue<string>(out var text))
            {
                if (question.Type is QuestionType.Hidden or QuestionType.Text)
                {
                    return;
                }

                Add(path, "Compare with one of the question's choice values (a string).");
                return;
            }

            if (question.Type is QuestionType.Single or QuestionType.Multiple && question.Choices?.Any(c => c.Value == text) == false)
            {
                Add(path, $"\"{text}\" is not one of the question's choice values.");
            }
        }

        private void Theme()
        {
            definition.Theme ??= new SurveyTheme();
            Color("theme.primaryColor", definition.Theme.PrimaryColor);
            Color("theme.backgroundColor", definition.Theme.BackgroundColor);
            Color("theme.textColor", definition.Theme.TextColor);
            var logo = definition.Theme.LogoUrl;
            if (string.IsNullOrWhiteSpace(logo))
            {
                definition.Theme.LogoUrl = null;
            }
            else if (logo.Length > MaxLogoUrlLength || !Uri.TryCreate(logo, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                Add("theme.logoUrl", "Use an absolute https:// (or http://) address of an image, or leave it empty.");
            }
        }

        private void Color(string path, string? color)
        {
            if (color is null || !ColorPattern().IsMatch(color))
            {
                Add(path, "Use a hex colour such as #2f5bd3 or #fff.");
            }
        }

        /// <summary>Moves a plain-string text to the default language, and checks its languages and length.</summary>
        private void Text(string path, LocalizedText? text, bool required, int maxLength)
        {
            if (text is not null && text.Remove(LocalizedTextConverter.Unassigned, out var plain))
            {
                if (text.ContainsKey(Default))
                {
                    Add(path, $"Give the text once for \"{Default}\": as a plain string or under \"{Default}\", not both.");
                }
                else
                {
                    text[Default] = plain;
                }
            }

            if (required && (text is null || !text.TryGetValue(Default, out var main) || string.IsNullOrWhiteSpace(main)))
            {
                Add(path, $"Write this text in the default language \"{Default}\".");
            }

            foreach (var (language, value) in text ?? [])
            {
                if (!(definition.Languages ?? []).Contains(language, StringComparer.OrdinalIgnoreCase))
                {
                    Add(path, $"\"{language}\" is not one of the survey's languages; add it to languages or remove this text.");
                }

                if (value.Length > maxLength)
                {
                    Add(path, $"Use at most {maxLength} characters ({language} has {value.Length}).");
                }
            }
        }

        private static string Lower<T>(T value)
            where T : struct, Enum
        {
            var name = value.ToString();
            return char.ToLowerInvariant(name[0]) + name[1..];
        }
    }
}
