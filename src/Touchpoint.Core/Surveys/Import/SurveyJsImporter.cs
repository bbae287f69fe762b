using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Surveys.Import;

/// <summary>
/// Turns a SurveyJS survey (pages of elements, or top-level elements/questions) into our definition,
/// for the question types we support. Elements we cannot ask (html, file, signature, dynamic panels...)
/// are reported as skipped; <c>visibleIf</c> expressions we cannot read become warnings and are dropped.
/// The result still goes through <see cref="DefinitionValidator"/> before it is saved.
/// </summary>
public static class SurveyJsImporter
{
    public sealed record SkippedElement(string Name, string Type, string Reason);

    /// <summary><see cref="Definition"/> is null when <see cref="Errors"/> says why nothing could be imported.</summary>
    public sealed record Result(SurveyDefinition? Definition, string? Title, List<SkippedElement> Skipped, List<string> Warnings,
        Dictionary<string, string[]> Errors);

    public static Result Import(JsonNode? json)
    {
        var import = new Importer();
        return import.Run(json);
    }

    private sealed class Importer
    {
        private readonly List<SkippedElement> _skipped = [];
        private readonly List<string> _warnings = [];
        private readonly List<string> _languages = [];
        private readonly Dictionary<string, Question> _byName = new(StringComparer.Ordinal);
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly HashSet<string> _booleans = new(StringComparer.Ordinal);
        private string _default = "en";

        public Result Run(JsonNode? json)
        {
            if (json is not JsonObject survey)
            {
                return Fail("Send the SurveyJS survey JSON as an object with pages or elements.");
            }

            if (survey["locale"] is JsonValue locale && locale.TryGetValue<string>(out var tag) && DefinitionValidator.IsValidLanguage(tag))
            {
                _default = tag;
            }

            _languages.Add(_default);
            var definition = new SurveyDefinition { DefaultLanguage = _default };
            if (survey["pages"] is JsonArray pages)
            {
                foreach (var page in pages.OfType<JsonObject>())
                {
                    AddPage(definition, page, page["elements"] ?? page["questions"], isPage: true);
                }
            }
            else
            {
                AddPage(definition, survey, survey["elements"] ?? survey["questions"], isPage: false);
            }

            if (!definition.Questions.Any())
            {
                return Fail("The SurveyJS JSON holds no question we can import: add pages with elements (rating, radiogroup, checkbox, comment...).");
            }

            if (definition.Headline is null)
            {
                return Fail("Add a metric question: a rating from 0 to 10 (NPS), 1 to 5 named or titled for satisfaction (CSAT), "
                    + "or 1 to 7 about ease or effort (CES). Its score is the survey's headline.");
            }

            definition.Languages = _languages;
            var title = Text(survey["title"])?.In(_default, _default);
            DropInvalidConditions(definition);
            return new Result(definition, string.IsNullOrWhiteSpace(title) ? null : title, _skipped, _warnings, []);
        }

        private Result Fail(string message) => new(null, null, _skipped, _warnings, new() { ["json"] = [message] });

        private void AddPage(SurveyDefinition definition, JsonObject page, JsonNode? elements, bool isPage)
        {
            var ours = new SurveyPage
            {
                Id = UniqueId((isPage ? Name(page) : null) ?? $"p{definition.Pages.Count + 1}", "p"),
                Title = isPage ? Text(page["title"]) : null,
            };
            if (isPage && page["visibleIf"] is not null)
            {
                _warnings.Add($"Page \"{ours.Id}\": page conditions (visibleIf) are not imported; the page is always shown.");
            }

            AddElements(ours, elements as JsonArray);
            if (ours.Questions.Count > 0)
            {
                definition.Pages.Add(ours);
            }
        }

        private void AddElements(SurveyPage page, JsonArray? elements)
        {
            foreach (var element in (elements ?? []).OfType<JsonObject>())
            {
                var type = (element["type"] as JsonValue)?.GetValue<string>()?.ToLowerInvariant() ?? "";
                var name = Name(element) ?? type;
                if (type == "panel")
                {
                    // Panels only group questions visually: their questions join the page.
                    AddElements(page, element["elements"] as JsonArray ?? element["questions"] as JsonArray);
                    continue;
                }

                var question = Question(element, type, name);
                if (question is null)
                {
                    continue;
                }

                question.Required = element["isRequired"] is JsonValue required && required.TryGetValue<bool>(out var r) && r;
                question.Description ??= Text(element["description"]);
                if (element["visibleIf"] is JsonValue visibleIf && visibleIf.TryGetValue<string>(out var expression))
                {
                    question.DisplayIf = new ExpressionParser(expression, this).Parse();
                    if (question.DisplayIf is null)
                    {
                        _warnings.Add($"\"{name}\": the condition \"{expression}\" could not be read and was dropped; the question is always shown.");
                    }
                }

                _byName[name] = question;
                page.Questions.Add(question);
            }
        }

        private Question? Question(JsonObject element, string type, string name)
        {
            var title = Text(element["title"]) ?? LocalizedText.Of(_default, name);
            Question Make(QuestionType questionType) =>
                new() { Id = UniqueId(name, "q"), Type = questionType, Title = title };

            switch (type)
            {
                case "rating":
                    return Rating(element, name, title, Make);
                case "radiogroup" or "dropdown":
                    return WithChoices(Make(QuestionType.Single), element["choices"]);
                case "checkbox" or "tagbox":
                    return WithChoices(Make(QuestionType.Multiple), element["choices"]);
                case "ranking":
                    return WithChoices(Make(QuestionType.Ranking), element["choices"]);
                case "comment":
                    return Make(QuestionType.Text);
                case "text":
                    var text = Make(QuestionType.Text);
                    text.SingleLine = true;
                    return text;
                case "boolean":
                    var boolean = Make(QuestionType.Single);
                    boolean.Choices =
                    [
                        new Choice { Value = "yes", Text = Text(element["labelTrue"]) ?? LocalizedText.Of(_default, "Yes") },
                        new Choice { Value = "no", Text = Text(element["labelFalse"]) ?? LocalizedText.Of(_default, "No") },
                    ];
                    _booleans.Add(name);
                    return boolean;
                case "matrix":
                    var matrix = WithChoices(Make(QuestionType.Matrix), element["columns"]);
                    matrix.Rows = Choices(element["rows"]);
                    return matrix;
                default:
                    _skipped.Add(new SkippedElement(name, type, type switch
                    {
                        "html" or "image" or "expression" => "It shows content and asks nothing.",
                        "" => "It has no type.",
                        _ => $"Surveys cannot ask \"{type}\" questions.",
                    }));
                    return null;
            }
        }

        private Question? Rating(JsonObject element, string name, LocalizedText title, Func<QuestionType, Question> make)
        {
            var (min, max) = RatingRange(element);
            var words = (name + " " + title.In(_default, _default)).ToLowerInvariant();
            Question? question = (min, max) switch
            {
                (0, 10) => make(QuestionType.Nps),
                (1, 5) when words.Contains("satisf", StringComparison.Ordinal) => make(QuestionType.Csat),
                (1, 7) when words.Contains("easy", StringComparison.Ordinal) || words.Contains("ease", StringComparison.Ordinal)
                    || words.Contains("effort", StringComparison.Ordinal) => make(QuestionType.Ces),
                (1, >= 3 and <= 10) => make(QuestionType.Rating),
                _ => null,
            };
            if (question is null)
            {
                _skipped.Add(new SkippedElement(name, "rating", $"A rating from {min} to {max} cannot be asked: use 0-10, or 1 to 3..10."));
                return null;
            }

            if (question.Type == QuestionType.Rating)
            {
                question.ScaleMax = max;
            }

            question.MinLabel = Text(element["minRateDescription"]);
            question.MaxLabel = Text(element["maxRateDescription"]);
            return question;
        }

        private static (int Min, int Max) RatingRange(JsonObject element)
        {
            if (element["rateValues"] is JsonArray { Count: > 0 } values)
            {
                var numbers = values.Select(v => v is JsonObject o ? o["value"] : v).Select(Number).OfType<double>().ToList();
                if (numbers.Count > 0)
                {
                    return ((int)numbers.Min(), (int)numbers.Max());
                }
            }

            var min = (int)(Number(element["rateMin"]) ?? 1);
            var max = Number(element["rateMax"]) is { } m ? (int)m
                : Number(element["rateCount"]) is { } count ? min + (int)count - 1 : 5;
            return (min, max);
        }

        private Question WithChoices(Question question, JsonNode? choices)
        {
            question.Choices = Choices(choices);
            return question;
        }

        private List<Choice> Choices(JsonNode? node)
        {
            var choices = new List<Choice>();
            foreach (var item in (node as JsonArray ?? []).OfType<JsonNode>())
            {
                var (value, text) = item is JsonObject o ? (Scalar(o["value"]), Text(o["text"])) : (Scalar(item), null);
                if (value is not null)
                {
                    choices.Add(new Choice { Value = value, Text = text ?? LocalizedText.Of(_default, value) });
                }
            }

            return choices;
        }

        /// <summary>SurveyJS texts are strings, or objects of locale to string where "default" is the default language.</summary>
        private LocalizedText? Text(JsonNode? node)
        {
            switch (node)
            {
                case JsonValue value when value.TryGetValue<string>(out var s):
                    return LocalizedText.Of(_default, s);
                case JsonObject map:
                    var text = new LocalizedText();
                    foreach (var (key, entry) in map)
                    {
                        if (entry is not JsonValue v || !v.TryGetValue<string>(out var s))
                        {
                            continue;
                        }

                        var language = key == "default" ? _default : key;
                        if (!DefinitionValidator.IsValidLanguage(language))
                        {
                            _warnings.Add($"The locale \"{key}\" is not a language tag; its texts were dropped.");
                            continue;
                        }

                        // An explicit text in the default language wins over "default".
                        if (key != "default" || !text.ContainsKey(language))
                        {
                            text[language] = s;
                        }

                        if (!_languages.Contains(language, StringComparer.OrdinalIgnoreCase))
                        {
                            _languages.Add(language);
                        }
                    }

                    return text.Count == 0 ? null : text;
                default:
                    return null;
            }
        }

        private static string? Name(JsonObject element) => Scalar(element["name"]);

        private static string? Scalar(JsonNode? node) => node switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s,
            JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            _ => null,
        };

        private static double? Number(JsonNode? node) => node switch
        {
            JsonValue v when v.TryGetValue<double>(out var d) => d,
            JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };

        /// <summary>Our ids are stricter than SurveyJS names ("What is your role?" is a valid name there).</summary>
        private string UniqueId(string name, string prefix)
        {
            var id = new StringBuilder();
            foreach (var c in name)
            {
                id.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
            }

            var candidate = id.Length > 0 && char.IsAsciiLetter(id[0]) ? id.ToString() : prefix + id;
            candidate = candidate.Length > 60 ? candidate[..60] : candidate;
            var unique = candidate;
            for (var n = 2; !_ids.Add(unique) || unique == BranchRule.End; n++)
            {
                unique = $"{candidate}{n}";
            }

            return unique;
        }

        /// <summary>A condition may name a question that came later or was skipped: drop it with a warning rather than refuse the import.</summary>
        private void DropInvalidConditions(SurveyDefinition definition)
        {
            var errors = DefinitionValidator.Validate(definition);
            for (var p = 0; p < definition.Pages.Count; p++)
            {
                for (var q = 0; q < definition.Pages[p].Questions.Count; q++)
                {
                    var prefix = $"pages[{p}].questions[{q}].displayIf";
                    var question = definition.Pages[p].Questions[q];
                    var problem = errors.FirstOrDefault(e => e.Key.StartsWith(prefix, StringComparison.Ordinal));
                    if (question.DisplayIf is not null && problem.Key is not null)
                    {
                        question.DisplayIf = null;
                        _warnings.Add($"\"{question.Id}\": its condition was dropped ({problem.Value[0]}); the question is always shown.");
                    }
                }
            }
        }

        public Question? Find(string name) => _byName.GetValueOrDefault(name);

        public bool IsBoolean(string name) => _booleans.Contains(name);
    }

    /// <summary>
    /// Reads the simple SurveyJS expressions: <c>{q} = 'x'</c>, <c>{q} &lt;= 6</c>, <c>{q} notempty</c>,
    /// <c>{q} anyof ['a','b']</c>, joined by <c>and</c>/<c>or</c> with parentheses. Anything else: null.
    /// </summary>
    private sealed class ExpressionParser(string expression, Importer importer)
    {
        private readonly List<string> _tokens = Tokenize(expression);
        private int _at;

        public Condition? Parse()
        {
            try
            {
                var condition = Or();
                return _at == _tokens.Count ? condition : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private string? Peek => _at < _tokens.Count ? _tokens[_at] : null;

        private string Next() => _at < _tokens.Count ? _tokens[_at++] : throw new FormatException("The expression ends too early.");

        private bool Accept(string token)
        {
            if (string.Equals(Peek, token, StringComparison.OrdinalIgnoreCase))
            {
                _at++;
                return true;
            }

            return false;
        }

        private Condition Or()
        {
            var items = new List<Condition> { And() };
            while (Accept("or") || Accept("||"))
            {
                items.Add(And());
            }

            return items.Count == 1 ? items[0] : new Condition { Any = items };
        }

        private Condition And()
        {
            var items = new List<Condition> { Atom() };
            while (Accept("and") || Accept("&&"))
            {
                items.Add(Atom());
            }

            return items.Count == 1 ? items[0] : new Condition { All = items };
        }

        private Condition Atom()
        {
            if (Accept("("))
            {
                var inner = Or();
                return Accept(")") ? inner : throw new FormatException("A parenthesis is not closed.");
            }

            var reference = Next();
            if (!reference.StartsWith('{') || !reference.EndsWith('}'))
            {
                throw new FormatException("A comparison starts with a {question}.");
            }

            var name = reference[1..^1];
            var question = importer.Find(name) ?? throw new FormatException("The question is unknown or comes later.");
            var op = Next().ToLowerInvariant();
            var condition = new Condition { Question = question.Id };
            switch (op)
            {
                case "notempty":
                    condition.Op = ConditionOperator.Answered;
                    return condition;
                case "empty":
                    condition.Op = ConditionOperator.NotAnswered;
                    return condition;
                case "anyof":
                    condition.Op = ConditionOperator.In;
                    condition.Value = List(name, question);
                    return condition;
                case "notcontains":
                    return new Condition { Not = new Condition { Question = question.Id, Op = ConditionOperator.Contains, Value = Value(Next(), name, question) } };
            }

            condition.Op = op switch
            {
                "=" or "==" => question.Type == QuestionType.Multiple ? ConditionOperator.Contains : ConditionOperator.Eq,
                "!=" or "<>" => ConditionOperator.Neq,
                "<" => ConditionOperator.Lt,
                "<=" => ConditionOperator.Lte,
                ">" => ConditionOperator.Gt,
                ">=" => ConditionOperator.Gte,
                "contains" => ConditionOperator.Contains,
                _ => throw new FormatException($"The operator {op} is not supported."),
            };
            condition.Value = Value(Next(), name, question);
            return condition;
        }

        private JsonArray List(string name, Question question)
        {
            if (!Accept("["))
            {
                throw new FormatException("anyof needs a list.");
            }

            var items = new JsonArray();
            while (!Accept("]"))
            {
                items.Add(Value(Next(), name, question));
                Accept(",");
            }

            return items;
        }

        private JsonValue Value(string token, string name, Question question)
        {
            if (token.Length >= 2 && (token[0] is '\'' or '"') && token[^1] == token[0])
            {
                var text = token[1..^1];
                return question.Scale is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    ? JsonValue.Create(n)
                    : JsonValue.Create(text);
            }

            if (token is "true" or "false")
            {
                return importer.IsBoolean(name) ? JsonValue.Create(token == "true" ? "yes" : "no") : JsonValue.Create(token);
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return question.Scale is not null ? JsonValue.Create(number) : JsonValue.Create(token);
            }

            throw new FormatException($"\"{token}\" is not a value.");
        }

        private static List<string> Tokenize(string text)
        {
            var tokens = new List<string>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c is '{')
                {
                    var end = text.IndexOf('}', i);
                    if (end < 0)
                    {
                        return ["?"];
                    }

                    tokens.Add(text[i..(end + 1)]);
                    i = end + 1;
                }
                else if (c is '\'' or '"')
                {
                    var end = text.IndexOf(c, i + 1);
                    if (end < 0)
                    {
                        return ["?"];
                    }

                    tokens.Add(text[i..(end + 1)]);
                    i = end + 1;
                }
                else if ("()[],".Contains(c, StringComparison.Ordinal))
                {
                    tokens.Add(c.ToString());
                    i++;
                }
                else if ("<>=!&|".Contains(c, StringComparison.Ordinal))
                {
                    var start = i;
                    while (i < text.Length && "<>=!&|".Contains(text[i], StringComparison.Ordinal))
                    {
                        i++;
                    }

                    tokens.Add(text[start..i]);
                }
                else
                {
                    var start = i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]) && !"(){}[],<>=!'\"".Contains(text[i], StringComparison.Ordinal))
                    {
                        i++;
                    }

                    tokens.Add(text[start..i]);
                }
            }

            return tokens;
        }
    }
}
