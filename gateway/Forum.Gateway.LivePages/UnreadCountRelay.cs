using System.Text.Json;
using Forum.Contracts.Notifications;
using Forum.Gateway.ReadModels.LiveChanges;
using MassTransit;

namespace Forum.Gateway.LivePages;

/// <summary>
/// Hands a member's new unread count to their open streams on this replica. Every replica hears
/// every count (each has a queue of its own that goes when the replica goes), because the
/// member's pages may be open on any of them.
/// </summary>
public sealed class UnreadCountRelay(LiveTopics topics) : IConsumer<UnreadCountChanged>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<UnreadCountChanged> context)
    {
        var changed = context.Message;
        topics.Publish(new LiveChange(0, LiveStreams.MemberTopic(changed.RecipientId), "unread",
            JsonSerializer.Serialize(new { unread = changed.Unread, at = changed.At }, Json)));
        return Task.CompletedTask;
    }
}
