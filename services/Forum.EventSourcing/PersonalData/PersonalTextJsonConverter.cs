using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forum.EventSourcing.PersonalData;

/// <summary>
/// Writes <see cref="PersonalText"/> as the sealed string and reads it back opened, so that events
/// and documents carry a member's data as plain properties and never hold it readable in storage.
/// A plain string (stored before sealing began) reads as text that is nobody's.
/// </summary>
public sealed class PersonalTextJsonConverter(MemberKeyRing keys) : JsonConverter<PersonalText>
{
    public override PersonalText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? new PersonalText(Guid.Empty, null) : keys.Open(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, PersonalText value, JsonSerializerOptions options) =>
        writer.WriteStringValue(keys.Seal(value));
}
