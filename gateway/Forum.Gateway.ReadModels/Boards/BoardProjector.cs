using Forum.Contracts.Posts;
using Marten;
using MassTransit;

namespace Forum.Gateway.ReadModels.Boards;

/// <summary>Keeps the board list: created boards are added, edits applied by version, so a redelivery or a late edit changes nothing.</summary>
public static class BoardProjection
{
    public static bool Handles(object message) => message is BoardCreated or BoardEdited;

    public static Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken) =>
        ProjectionBatches.ApplyAsync(store, [.. events.Select(e => (BoardSummary.IdOf(e), e))], BoardSummary.Nothing, BoardSummary.Apply, board => board.Id, cancellationToken);
}

/// <summary>Delivers board events to the read models.</summary>
public sealed class BoardProjector(ReadModelWriter writer) : IConsumer<BoardCreated>, IConsumer<BoardEdited>
{
    public Task Consume(ConsumeContext<BoardCreated> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<BoardEdited> context) => writer.ApplyAsync(context);
}
