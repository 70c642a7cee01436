using Forum.Contracts.Posts;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using MassTransit;

namespace Forum.Gateway.ReadModels.Boards;

/// <summary>Adds a created board to the board list; a redelivery stores the same document again.</summary>
public sealed class BoardProjector(IDocumentSession session) : IConsumer<BoardCreated>
{
    public async Task Consume(ConsumeContext<BoardCreated> context)
    {
        var e = context.Message;
        session.Store(new BoardSummary(e.BoardId, e.Slug, e.Name, e.Description, e.CreatedAt));
        await session.SaveChangesAsync(context.CancellationToken);
        ForumTelemetry.EventsProjected.Add(1, new KeyValuePair<string, object?>("event", nameof(BoardCreated)));
    }
}
