using System.Text.Json;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>
/// The text an analysis was made of: the response's answer to the question in <see cref="AnalyzedText.Field"/>
/// (or its comment when the answer is not in the answers), or the message's body. The row's
/// <c>Response</c> or <c>Message</c> must be loaded.
/// </summary>
public static class AnalyzedTextSource
{
    public static string? TextOf(AnalyzedText row)
    {
        if (row.Message is { } message)
        {
            return message.Body;
        }

        if (row.Response is not { } response)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(response.Answers) && row.Field.Length > 0)
        {
            try
            {
                using var answers = JsonDocument.Parse(response.Answers);
                if (answers.RootElement.ValueKind == JsonValueKind.Object
                    && answers.RootElement.TryGetProperty(row.Field, out var answer) && answer.ValueKind == JsonValueKind.String)
                {
                    return answer.GetString();
                }
            }
            catch (JsonException)
            {
                // Unreadable answers fall back to the comment column below.
            }
        }

        return response.Comment;
    }
}
