using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Forum.Cli.Exporting;
using Forum.Contracts;

namespace Forum.Cli.Replaying;

/// <summary>
/// A stored event as the forwarder published it, in MassTransit's JSON envelope: the same
/// message id (the stored event's id), the same message type URN and the same forum headers, so
/// a MassTransit consumer takes a replayed event exactly as it took the original.
/// </summary>
public static class MassTransitEnvelope
{
    public const string ContentType = "application/vnd.masstransit+json";

    private static readonly Dictionary<string, Type> ContractTypes = typeof(IntegrationHeaders).Assembly.GetExportedTypes()
        .Where(t => t.Namespace?.StartsWith("Forum.Contracts.", StringComparison.Ordinal) == true)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>MassTransit's name for a message type: <c>urn:message:Namespace:Type</c>.</summary>
    public static string MessageType(string type) =>
        ContractTypes.TryGetValue(type, out var contract)
            ? $"urn:message:{contract.Namespace}:{contract.Name}"
            : throw new CliException($"The feed holds an event of type {type}, which is not an integration event this forumctl knows; update forumctl.");

    /// <summary>The headers the forwarder sets on every publish (see the services' EventForwarder).</summary>
    public static IReadOnlyDictionary<string, object> Headers(StoredEvent stored) => new Dictionary<string, object>
    {
        [IntegrationHeaders.SourceService] = stored.Service,
        [IntegrationHeaders.StreamId] = stored.StreamId.ToString(),
        [IntegrationHeaders.StreamVersion] = stored.Version,
        [IntegrationHeaders.Sequence] = stored.Sequence,
        [IntegrationHeaders.OccurredAt] = stored.Time.ToString("O", CultureInfo.InvariantCulture),
        [IntegrationHeaders.EventType] = stored.Type,
    };

    public static byte[] Serialize(StoredEvent stored, Uri destination, DateTimeOffset sentTime)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("messageId", stored.EventId);
            json.WriteString("destinationAddress", destination.ToString());
            json.WriteStartArray("messageType");
            json.WriteStringValue(MessageType(stored.Type));
            json.WriteEndArray();
            json.WritePropertyName("message");
            json.WriteRawValue(stored.Data, skipInputValidation: true);
            json.WriteString("sentTime", sentTime);
            json.WriteStartObject("headers");
            foreach (var (name, value) in Headers(stored))
            {
                switch (value)
                {
                    case long number:
                        json.WriteNumber(name, number);
                        break;
                    default:
                        json.WriteString(name, value.ToString());
                        break;
                }
            }
            json.WriteEndObject();
            json.WriteStartObject("host");
            json.WriteString("machineName", Environment.MachineName);
            json.WriteString("processName", "forumctl");
            json.WriteNumber("processId", Environment.ProcessId);
            json.WriteString("assembly", "forumctl");
            json.WriteString("assemblyVersion", typeof(MassTransitEnvelope).Assembly.GetName().Version?.ToString());
            json.WriteString("frameworkVersion", Environment.Version.ToString());
            json.WriteString("operatingSystemVersion", Environment.OSVersion.ToString());
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
