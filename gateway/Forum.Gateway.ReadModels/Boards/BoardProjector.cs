using Forum.Contracts.Posts;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using MassTransit;

namespace Forum.Gateway.ReadModels.Boards;

/// <summary>Adds created boards to the board list; a redelivery stores the same document again.</summary>
public static class BoardProjection
{
    public static bool Handles(object message) => message is BoardCreated;

    public static async Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        foreach (var e in events.Cast<BoardCreated>())
        {
            session.Store(BoardSummary.From(e));
        }
        await session.SaveChangesAsync(cancellationToken);
        ReadModelMetrics.EventsProjected.Add(events.Count, new KeyValuePair<string, object?>("event", nameof(BoardCreated)));
    }
}

/// <summary>Delivers board events to the read models.</summary>
public sealed class BoardProjector(ReadModelWriter writer) : IConsumer<BoardCreated>
{
    public Task Consume(ConsumeContext<BoardCreated> context) => writer.ApplyAsync(context);
}
