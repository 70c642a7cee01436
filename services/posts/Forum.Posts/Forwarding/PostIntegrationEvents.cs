using Forum.Posts.Posts.Publishing;
using Forum.ServiceDefaults.EventStore;
using JasperFx.Events;
using Integration = Forum.Contracts.Posts;

namespace Forum.Posts.Forwarding;

/// <summary>How the posts service's domain events look to the rest of the forum.</summary>
public sealed class PostIntegrationEvents : IIntegrationEventMapper
{
    public object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        PostPublished e => new Integration.PostPublished(
            e.PostId, stored.Version, e.Board, e.Title, e.Excerpt, e.BodyHtml, e.Author, e.PublishedAt, e.HasImage),
        _ => null,
    };
}
