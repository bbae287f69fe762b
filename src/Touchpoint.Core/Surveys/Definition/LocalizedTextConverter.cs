using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Core.Surveys.Definition;

/// <summary>Reads a <see cref="LocalizedText"/> from <c>{"en":"...","de":"..."}</c> or a plain string (stored under "default", resolved on validation).</summary>
internal sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    /// <summary>The key a plain string is read into, until the definition's default language replaces it.</summary>
    public const string Unassigned = "*";

    public override LocalizedText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return LocalizedText.Of(Unassigned, reader.GetString()!);
            case JsonTokenType.StartObject:
                var text = new LocalizedText();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var language = reader.GetString()!;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new JsonException($"The text in '{language}' must be a string.");
                    }

                    text[language] = reader.GetString()!;
                }

                return text;
            default:
                throw new JsonException("A text must be a string or an object of language to string.");
        }
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, text) in value)
        {
            writer.WriteString(language, text);
        }

        writer.WriteEndObject();
    }
}
