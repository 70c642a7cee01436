using Forum.Contracts.Posts;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using MassTransit;

namespace Forum.Gateway.ReadModels.Posts;

/// <summary>Puts a newly published post into the listings and post pages. Idempotent: a redelivery changes nothing.</summary>
public sealed class PostPublishedProjector(IDocumentSession session) : IConsumer<PostPublished>
{
    public async Task Consume(ConsumeContext<PostPublished> context)
    {
        var published = context.Message;
        var existing = await session.LoadAsync<PostSummary>(published.PostId, context.CancellationToken);
        if (existing is not null && existing.Version >= published.Version)
        {
            ForumTelemetry.DuplicatesIgnored.Add(1, new KeyValuePair<string, object?>("event", nameof(PostPublished)));
            return;
        }

        // Counters may have arrived first (order is not guaranteed across services): keep them.
        session.Store((existing ?? new PostSummary()) with
        {
            Id = published.PostId,
            Board = published.Board,
            Title = published.Title,
            Excerpt = published.Excerpt,
            BodyHtml = published.BodyHtml,
            Author = published.Author,
            PublishedAt = published.PublishedAt,
            HasImage = published.HasImage,
            Version = published.Version,
        });
        await session.SaveChangesAsync(context.CancellationToken);
        ForumTelemetry.EventsProjected.Add(1, new KeyValuePair<string, object?>("event", nameof(PostPublished)));
    }
}
