using System.Text.Json;
using System.Text.Json.Serialization;

namespace Desk.Bot.Activities;

/// <summary>
/// A timestamp that does not parse ("yesterday", an offset alone) is read as none: it only tells the bot the user's clock,
/// and refusing the activity for it would lose the user's words.
/// </summary>
internal sealed class LenientTimestamp : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at))
            return at;
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } at)
            writer.WriteStringValue(at);
        else
            writer.WriteNullValue();
    }
}
