using Forum.Posts.Boards.Creating;
using Marten.Exceptions;
using Marten;

namespace Forum.Posts.Boards;

/// <summary>
/// A fresh forum starts with the boards its community needs first. Created once, by whichever
/// replica starts first; each is an ordinary <see cref="BoardCreated"/> event.
/// </summary>
public sealed class DefaultBoards(IDocumentStore store, TimeProvider clock, ILogger<DefaultBoards> logger) : IHostedService
{
    public static readonly (string Slug, string Name, string Description)[] Boards =
    [
        ("tin-tuc", "Tin tức", "Tin tức cho cộng đồng người Việt tại Hàn Quốc."),
        ("hoi-dap", "Hỏi đáp", "Hỏi và đáp: visa, việc làm, học tập, thủ tục."),
        ("doi-song", "Đời sống", "Đời sống ở Hàn Quốc: nhà ở, ăn uống, đi lại."),
        ("viec-lam", "Việc làm", "Tìm việc và tuyển người."),
        ("rao-vat", "Rao vặt", "Mua bán, cho thuê, trao đổi."),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (slug, name, description) in Boards)
        {
            await using var session = store.LightweightSession();
            var id = BoardSlug.StreamId(slug);
            if (await session.LoadAsync<Board>(id, cancellationToken) is not null)
            {
                continue;
            }
            session.Events.StartStream<Board>(id, new BoardCreated(id, slug, name, description, "forum", clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Created the default board {Slug}", slug);
            }
            catch (Exception e) when (e is ExistingStreamIdCollisionException or JasperFx.ConcurrencyException)
            {
                // Another replica created it a moment ago.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
