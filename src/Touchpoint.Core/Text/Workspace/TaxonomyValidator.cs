namespace Touchpoint.Core.Text.Workspace;

/// <summary>
/// Checks a whole taxonomy before it is saved and names every problem by its path in the tree, as a
/// client sent it (<c>topics[2].children[0].keywords[3]</c>), with what to do about it.
/// </summary>
public static class TaxonomyValidator
{
    public const int MaxNameLength = 100;
    public const int MaxDepth = 4;
    public const int MaxTopics = 1_000;
    public const int MaxPatternsPerTopic = 500;
    public const int MaxPatternLength = 200;
    public const int MaxMinimumCount = 100;

    public static Dictionary<string, string[]> Validate(IReadOnlyList<TaxonomyNode?>? topics)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (topics is null)
        {
            errors["topics"] = ["Send the whole tree as \"topics\": a list of topics (an empty list removes every topic)."];
            return errors;
        }

        var count = 0;
        Check(topics, "topics", 1, errors, ref count);
        if (count > MaxTopics)
        {
            errors["topics"] = [$"A taxonomy holds at most {MaxTopics} topics; this one has {count}."];
        }

        return errors;
    }

    private static void Check(IReadOnlyList<TaxonomyNode?> siblings, string path, int depth, Dictionary<string, string[]> errors, ref int count)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < siblings.Count; i++)
        {
            var at = $"{path}[{i}]";
            var node = siblings[i];
            count++;
            if (node is null)
            {
                errors[at] = ["A topic is an object with a name; this one is null."];
                continue;
            }

            if (depth > MaxDepth)
            {
                errors[at] = [$"Topics nest at most {MaxDepth} levels deep; move this one up a level."];
            }

            var name = node.Name?.Trim() ?? "";
            if (name.Length is 0 or > MaxNameLength)
            {
                errors[$"{at}.name"] = [$"A topic needs a name of 1 to {MaxNameLength} characters."];
            }
            else if (name.Contains('>', StringComparison.Ordinal))
            {
                errors[$"{at}.name"] = ["A name cannot contain \">\": it separates a topic from its parent in paths such as \"Billing > Refunds\"."];
            }
            else if (!names.Add(name))
            {
                errors[$"{at}.name"] = [$"Another topic under the same parent is called \"{name}\"; names must be unique among siblings."];
            }

            CheckPatterns(node.Keywords, $"{at}.keywords", "keyword", errors);
            CheckPatterns(node.Exclusions, $"{at}.exclusions", "exclusion", errors);
            if (node.MinimumCount is { } minimum && (minimum < 1 || minimum > MaxMinimumCount))
            {
                errors[$"{at}.minimumCount"] = [$"The minimum count is a whole number from 1 to {MaxMinimumCount}: how many mentions a text needs to get this topic."];
            }

            if (node.Children is { Count: > 0 } children)
            {
                Check(children, $"{at}.children", depth + 1, errors, ref count);
            }
        }
    }

    private static void CheckPatterns(List<string>? patterns, string path, string what, Dictionary<string, string[]> errors)
    {
        if (patterns is null)
        {
            return;
        }

        if (patterns.Count > MaxPatternsPerTopic)
        {
            errors[path] = [$"A topic has at most {MaxPatternsPerTopic} {what}s; this one has {patterns.Count}."];
            return;
        }

        for (var j = 0; j < patterns.Count; j++)
        {
            if (Problem(patterns[j], what) is { } problem)
            {
                errors[$"{path}[{j}]"] = [problem];
            }
        }
    }

    /// <summary>Why a keyword or exclusion cannot be used, or null when it can.</summary>
    public static string? Problem(string? pattern, string what)
    {
        var text = pattern?.Trim() ?? "";
        if (text.Length == 0)
        {
            return $"An empty line is not a {what}: remove it.";
        }

        if (text.Length > MaxPatternLength)
        {
            return $"A {what} is at most {MaxPatternLength} characters.";
        }

        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var star = word.IndexOf('*', StringComparison.Ordinal);
            if (star >= 0 && star != word.Length - 1)
            {
                return $"\"{word}\": a * goes only at the end of a word, as in refund* (refund, refunds, refunded).";
            }

            var letters = word.Count(char.IsLetterOrDigit);
            if (letters == 0)
            {
                return $"\"{word}\" has no letters or digits to match.";
            }

            if (star > 0 && letters < 2)
            {
                return $"\"{word}\": a wildcard needs at least 2 letters before the *, or it matches almost every word.";
            }
        }

        return null;
    }
}
